namespace Dossier.Workflows.Validation;

/// <summary>
/// One thing wrong with a procedure definition. <see cref="Field"/> is the JSON path of the offending value in the
/// definition file (<c>steps[2].role</c>, <c>steps[1].outcomes[0].goTo</c>, <c>workingDays</c>); <see cref="Procedure"/>
/// names the procedure when a whole catalogue is checked.
/// </summary>
public sealed record DefinitionError(string Field, string Message, string? Procedure = null)
{
    public override string ToString() => (Procedure is null ? string.Empty : Procedure + ": ") + $"{Field}: {Message}";
}

/// <summary>A procedure definition that cannot be published or compiled, with everything wrong with it.</summary>
public sealed class DefinitionException : Exception
{
    public DefinitionException(IReadOnlyList<DefinitionError> errors)
        : base(Describe(errors)) =>
        Errors = errors;

    public DefinitionException()
        : this([])
    {
    }

    public DefinitionException(string message)
        : base(message) =>
        Errors = [new DefinitionError("$", message)];

    public DefinitionException(string message, Exception innerException)
        : base(message, innerException) =>
        Errors = [new DefinitionError("$", message)];

    public IReadOnlyList<DefinitionError> Errors { get; }

    private static string Describe(IReadOnlyList<DefinitionError> errors) =>
        errors.Count == 0
            ? "The procedure definition is not valid."
            : "The procedure definition is not valid: " + string.Join("; ", errors);
}
