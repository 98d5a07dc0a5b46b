using System.Text.Json;
using System.Text.Json.Serialization;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;

namespace Dossier.Domain.Tests.Dossiers.Support;

/// <summary>Given events, when a command, then these events (or this error) — and the events fold.</summary>
internal sealed class DossierSpecification
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly IDossierEvent[] _given;
    private Procedure? _procedure;
    private IDossierCommand? _command;

    private DossierSpecification(IDossierEvent[] given) => _given = given;

    public static DossierSpecification Given(params IDossierEvent[] events) => new(events);

    /// <summary>The procedure version to decide under; by default the one the given events were filed under.</summary>
    public DossierSpecification Under(Procedure procedure)
    {
        _procedure = procedure;
        return this;
    }

    public DossierSpecification When(IDossierCommand command)
    {
        _command = command;
        return this;
    }

    /// <returns>The state after the given and the new events, for further checks.</returns>
    public DossierState Then(params IDossierEvent[] expected)
    {
        var decision = Decide(out var state);
        Assert.True(decision.IsAccepted, $"Expected events but was refused: {decision}");
        Assert.Equal(expected.Select(Describe).ToArray(), decision.Events.Select(Describe).ToArray());
        return decision.Events.Aggregate(state, DossierDecider.Evolve);
    }

    public DossierError ThenError(string code)
    {
        var decision = Decide(out _);
        Assert.True(decision.IsRejected, $"Expected error '{code}' but got events: {decision}");
        Assert.Equal(code, decision.Error.Code);
        Assert.False(string.IsNullOrWhiteSpace(decision.Error.Message));
        return decision.Error;
    }

    private Decision Decide(out DossierState state)
    {
        Assert.NotNull(_command);
        state = DossierState.From(_given);
        var procedure = _procedure
            ?? (state.Procedure is { } filed ? Fixtures.ProcedureFor(filed) : Fixtures.Level3);
        return DossierDecider.Decide(state, _command, new DecisionContext(procedure, Fixtures.Calendar));
    }

    private static string Describe(IDossierEvent e) =>
        $"{e.GetType().Name} {JsonSerializer.Serialize(e, e.GetType(), Json)}";
}
