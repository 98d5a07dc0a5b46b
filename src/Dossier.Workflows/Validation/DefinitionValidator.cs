using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dossier.Domain.Access;
using Dossier.Domain.Procedures;
using Dossier.Workflows.Definitions;

namespace Dossier.Workflows.Validation;

/// <summary>A definition read from JSON, or why it could not be read (each error naming its field).</summary>
public sealed record ParsedDefinition(ProcedureDefinition? Definition, IReadOnlyList<DefinitionError> Errors)
{
    public bool IsValid => Definition is not null && Errors.Count == 0;
}

/// <summary>
/// Checks a procedure definition before it is published or compiled. The rules and their messages are listed in
/// docs/procedures.md § "Validation"; every error names the JSON path of what is wrong.
/// </summary>
public static partial class DefinitionValidator
{
    public const int MaxWorkingDays = 365;

    /// <summary>Reads and checks a definition: JSON errors (unknown or missing properties, unknown enum values) and rule errors alike.</summary>
    public static ParsedDefinition Parse(string json, IReadOnlySet<string>? knownAgencies = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ProcedureDefinition definition;
        try
        {
            definition = ProcedureDefinition.Parse(json);
        }
        catch (JsonException e)
        {
            return new ParsedDefinition(null, [FromJson(e, json)]);
        }

        return new ParsedDefinition(definition, Validate(definition, knownAgencies));
    }

    public static IReadOnlyList<DefinitionError> Validate(ProcedureDefinition definition, IReadOnlySet<string>? knownAgencies = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<DefinitionError>();
        Check(Shape.Of(definition), knownAgencies, errors);
        CheckOnlineMode(definition, errors);
        return errors;
    }

    /// <summary>As <see cref="Validate(ProcedureDefinition, IReadOnlySet{string})"/>, also matching the administrative level to the agency's.</summary>
    public static IReadOnlyList<DefinitionError> Validate(ProcedureDefinition definition, IReadOnlyList<Agency> agencies)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(agencies);
        var errors = Validate(definition, agencies.Select(a => a.Id).ToHashSet()).ToList();
        if (agencies.FirstOrDefault(a => a.Id == definition.Agency) is { } owner && owner.Level != definition.AdministrativeLevel)
        {
            errors.Add(new(
                "administrativeLevel",
                $"is {Camel(definition.AdministrativeLevel)} but the agency {owner.Id} ({owner.Name}) is a {Camel(owner.Level)} unit."));
        }

        return errors;
    }

    /// <summary>The rules a published <see cref="Procedure"/> must keep for the workflow engine to compile it.</summary>
    public static IReadOnlyList<DefinitionError> Validate(Procedure procedure, IReadOnlySet<string>? knownAgencies = null)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        var errors = new List<DefinitionError>();
        Check(Shape.Of(procedure), knownAgencies, errors);
        return errors;
    }

    /// <summary>Every definition's own errors, plus codes used more than once; each error names its procedure.</summary>
    public static IReadOnlyList<DefinitionError> ValidateCatalogue(IEnumerable<ProcedureDefinition> definitions, IReadOnlyList<Agency>? agencies = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var list = definitions.ToList();
        var errors = new List<DefinitionError>();
        foreach (var (definition, index) in list.Select((d, i) => (d, i)))
        {
            var own = agencies is null ? Validate(definition) : Validate(definition, agencies);
            var name = Blank(definition.Code) ? $"[{index}]" : definition.Code;
            errors.AddRange(own.Select(e => e with { Procedure = name }));
        }

        foreach (var group in list.Select((d, i) => (d.Code, i)).Where(x => !Blank(x.Code)).GroupBy(x => x.Code, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(new(
                "code",
                $"is used by {group.Count()} definitions (positions {string.Join(", ", group.Select(x => x.i))}); a code names exactly one procedure.",
                group.Key));
        }

        return errors;
    }

    private static void Check(Shape p, IReadOnlySet<string>? knownAgencies, List<DefinitionError> errors)
    {
        void Error(string field, string message) => errors.Add(new(field, message));

        if (Blank(p.Code))
        {
            Error("code", "is required: the national procedure code, e.g. 1.000656.");
        }
        else if (!CodePattern().IsMatch(p.Code))
        {
            Error("code", $"'{p.Code}' is not a national procedure code (d.dddddd, e.g. 1.000656).");
        }

        Required(p.Name, "name", "the procedure's official name", errors);
        Required(p.Field, "field", "the procedure's field (lĩnh vực)", errors);
        if (Blank(p.Agency))
        {
            Error("agency", "is required: the unit that receives and owns the dossiers.");
        }
        else if (knownAgencies is not null && !knownAgencies.Contains(p.Agency))
        {
            Error("agency", $"unknown agency '{p.Agency}': it is not in the agency list.");
        }

        if (!Enum.IsDefined(p.Level))
        {
            Error("level", $"{(int)p.Level} is not a service level: it is 3 or 4.");
        }

        if (p.WorkingDays is < 1 or > MaxWorkingDays)
        {
            Error("workingDays", $"{p.WorkingDays} is outside 1..{MaxWorkingDays}: the statutory time is at least one working day.");
        }

        CheckFees(p, errors);
        CheckDocuments(p, errors);
        CheckDeliveries(p, errors);
        CheckSteps(p, knownAgencies, errors);
    }

    private static void CheckFees(Shape p, List<DefinitionError> errors)
    {
        if (p.Fees is null)
        {
            errors.Add(new("fees", "is required: list the fee lines, or [] when there are none."));
            return;
        }

        for (var i = 0; i < p.Fees.Count; i++)
        {
            var fee = p.Fees[i];
            if (fee is null)
            {
                errors.Add(new($"fees[{i}]", "must be a fee line { name, amountVnd }."));
                continue;
            }

            Required(fee.Name, $"fees[{i}].name", "what the fee is for", errors);
            if (fee.AmountVnd <= 0)
            {
                errors.Add(new(
                    $"fees[{i}].amountVnd",
                    $"{fee.AmountVnd} is not a fee: a fee line needs a positive amount in VND (a free procedure lists no fees)."));
            }
        }
    }

    private static void CheckDocuments(Shape p, List<DefinitionError> errors)
    {
        if (p.RequiredDocuments is null)
        {
            errors.Add(new("requiredDocuments", "is required: list the dossier's components."));
            return;
        }

        for (var i = 0; i < p.RequiredDocuments.Count; i++)
        {
            var document = p.RequiredDocuments[i];
            if (document is null)
            {
                errors.Add(new($"requiredDocuments[{i}]", "must be a document { name, copies, original }."));
                continue;
            }

            Required(document.Name, $"requiredDocuments[{i}].name", "the document's name", errors);
            if (document.Copies < 1)
            {
                errors.Add(new($"requiredDocuments[{i}].copies", $"{document.Copies} is not a number of sets: at least 1."));
            }
        }
    }

    private static void CheckDeliveries(Shape p, List<DefinitionError> errors)
    {
        if (p.ResultDeliveries is null || p.ResultDeliveries.Count == 0)
        {
            errors.Add(new("resultDeliveries", "is required: how the result is returned (inPerson, online, post)."));
            return;
        }

        for (var i = 0; i < p.ResultDeliveries.Count; i++)
        {
            if (!Enum.IsDefined(p.ResultDeliveries[i]))
            {
                errors.Add(new($"resultDeliveries[{i}]", $"{(int)p.ResultDeliveries[i]} is not a delivery: inPerson, online or post."));
            }
            else if (p.ResultDeliveries.Take(i).Contains(p.ResultDeliveries[i]))
            {
                errors.Add(new($"resultDeliveries[{i}]", $"{Camel(p.ResultDeliveries[i])} is listed twice."));
            }
        }

        var online = p.ResultDeliveries.Contains(ResultDelivery.Online);
        if (p.Level == ServiceLevel.Level4 && !online)
        {
            errors.Add(new("resultDeliveries", "a level-4 procedure delivers its result online: include \"online\"."));
        }
        else if (p.Level == ServiceLevel.Level3 && online)
        {
            errors.Add(new(
                "resultDeliveries",
                "a level-3 procedure returns its result in person or by post: remove \"online\", or publish the procedure at level 4."));
        }
    }

    /// <summary>
    /// Level 4 is the whole procedure online, fees included: the engine offers request-payment and pay (online) for
    /// every level-4 procedure and for none at level 3, whose fees are paid at the desk. The definition says so by
    /// its online mode.
    /// </summary>
    private static void CheckOnlineMode(ProcedureDefinition d, List<DefinitionError> errors)
    {
        if (!Enum.IsDefined(d.OnlineMode))
        {
            errors.Add(new("onlineMode", $"{(int)d.OnlineMode} is not an online mode: toanTrinh or motPhan."));
        }
        else if (d.Level == ServiceLevel.Level4 && d.OnlineMode != OnlineMode.ToanTrinh)
        {
            errors.Add(new(
                "onlineMode",
                "a level-4 procedure is toanTrinh: fees are paid online and the result is delivered online. Use \"toanTrinh\", or publish the procedure at level 3."));
        }
        else if (d.Level == ServiceLevel.Level3 && d.OnlineMode != OnlineMode.MotPhan)
        {
            errors.Add(new(
                "onlineMode",
                "a level-3 procedure is motPhan: fees are paid and results collected at the desk. Use \"motPhan\", or publish the procedure at level 4."));
        }

        if (!Enum.IsDefined(d.AdministrativeLevel))
        {
            errors.Add(new("administrativeLevel", $"{(int)d.AdministrativeLevel} is not a tier: province, district or commune."));
        }
    }

    private static void CheckSteps(Shape p, IReadOnlySet<string>? knownAgencies, List<DefinitionError> errors)
    {
        void Error(string field, string message) => errors.Add(new(field, message));

        if (p.Steps is null || p.Steps.Count == 0)
        {
            Error("steps", "at least one step is required: the last step is the leader's decision.");
            return;
        }

        var steps = p.Steps;
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        var structural = true;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var at = $"steps[{i}]";
            if (step is null)
            {
                Error(at, "must be a step { id, name, role, agency, workingDays, outcomes }.");
                structural = false;
                continue;
            }

            if (Blank(step.Id))
            {
                Error($"{at}.id", "is required: a kebab-case id, unique within the procedure.");
                structural = false;
            }
            else if (step.Id == StepOutcome.Supplement)
            {
                Error($"{at}.id", "'supplement' is reserved: outcomes use it to ask the applicant for a supplement.");
                structural = false;
            }
            else if (!StepIdPattern().IsMatch(step.Id))
            {
                Error($"{at}.id", $"'{step.Id}' is not kebab-case ASCII (e.g. site-inspection).");
            }
            else if (!firstSeen.TryAdd(step.Id, i))
            {
                Error($"{at}.id", $"'{step.Id}' is already the id of steps[{firstSeen[step.Id]}]; step ids are unique.");
                structural = false;
            }

            Required(step.Name, $"{at}.name", "what happens in the step", errors);
            if (step.Role is not (Role.Officer or Role.Leader))
            {
                Error(
                    $"{at}.role",
                    Enum.IsDefined(step.Role)
                        ? $"{step.Role.ToString().ToLowerInvariant()} is not a role that processes a step: use officer or leader."
                        : $"{(int)step.Role} is not a role: a step's role is officer or leader.");
            }

            if (step.Agency is not null)
            {
                if (Blank(step.Agency))
                {
                    Error($"{at}.agency", "is blank: use null for the procedure's own agency, or another unit's id for a liên thông step.");
                }
                else if (knownAgencies is not null && !knownAgencies.Contains(step.Agency))
                {
                    Error($"{at}.agency", $"unknown agency '{step.Agency}': it is not in the agency list.");
                }
            }

            if (step.WorkingDays < 1)
            {
                Error($"{at}.workingDays", $"{step.WorkingDays} is not an allowance: a step takes at least 1 working day.");
            }
            else if (p.WorkingDays >= 1 && step.WorkingDays > p.WorkingDays)
            {
                Error($"{at}.workingDays", $"{step.WorkingDays} working days exceed the procedure's statutory {p.WorkingDays} (workingDays).");
            }
        }

        var last = steps[^1];
        if (last is not null)
        {
            var at = $"steps[{steps.Count - 1}]";
            if (last.Role != Role.Leader && Enum.IsDefined(last.Role))
            {
                Error(
                    $"{at}.role",
                    $"the last step '{last.Id}' is the decision (approve or refuse): its role must be leader, not {last.Role.ToString().ToLowerInvariant()}.");
            }

            if (last.Outcomes is { Count: > 0 })
            {
                Error($"{at}.outcomes", $"the last step '{last.Id}' is the decision, finished by approve or refuse: it has no outcomes ([]).");
            }
        }

        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i] is { } step)
            {
                CheckOutcomes(step, i, firstSeen, errors);
            }
        }

        if (structural && steps.All(s => s is not null))
        {
            CheckGraph(steps, firstSeen, errors);
        }

        if (p.WorkingDays >= 1 && steps.All(s => s is { WorkingDays: >= 1 }) && steps.Sum(s => s!.WorkingDays) is var total && total > p.WorkingDays)
        {
            Error(
                "steps",
                $"the steps' allowances add up to {total} working days ({string.Join(" + ", steps.Select(s => s!.WorkingDays))}), "
                + $"more than the statutory {p.WorkingDays} (workingDays).");
        }
    }

    private static void CheckOutcomes(StepShape step, int index, Dictionary<string, int> ids, List<DefinitionError> errors)
    {
        var at = $"steps[{index}].outcomes";
        if (step.Outcomes is null)
        {
            errors.Add(new(at, "is required: [] to move on to the next step, or the named outcomes."));
            return;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var j = 0; j < step.Outcomes.Count; j++)
        {
            var outcome = step.Outcomes[j];
            var field = $"{at}[{j}]";
            if (outcome is null)
            {
                errors.Add(new(field, "must be an outcome { name, goTo }."));
                continue;
            }

            if (Blank(outcome.Name))
            {
                errors.Add(new($"{field}.name", "is required: a camelCase name such as ok or needsSupplement."));
            }
            else if (!OutcomeNamePattern().IsMatch(outcome.Name))
            {
                errors.Add(new($"{field}.name", $"'{outcome.Name}' is not a camelCase ASCII name (e.g. needsSupplement)."));
            }
            else if (!names.Add(outcome.Name))
            {
                errors.Add(new($"{field}.name", $"'{outcome.Name}' is already an outcome of step '{step.Id}'; outcome names are unique per step."));
            }

            if (Blank(outcome.GoTo))
            {
                errors.Add(new($"{field}.goTo", "is required: a step id, or supplement."));
            }
            else if (outcome.GoTo == step.Id)
            {
                errors.Add(new($"{field}.goTo", $"step '{step.Id}' cannot lead to itself; ask for a supplement or go to another step."));
            }
            else if (outcome.GoTo != StepOutcome.Supplement && !ids.ContainsKey(outcome.GoTo))
            {
                errors.Add(new(
                    $"{field}.goTo",
                    $"'{outcome.GoTo}' is not a step of this procedure; use one of {string.Join(", ", ids.Keys.Select(k => $"'{k}'"))} or 'supplement'."));
            }
        }
    }

    /// <summary>
    /// A step without outcomes leads to the next; one with outcomes only to their targets ("supplement" resumes the
    /// same step, so it leads nowhere new). Every step must be reachable from the first and lead to the last.
    /// </summary>
    private static void CheckGraph(IReadOnlyList<StepShape?> steps, Dictionary<string, int> ids, List<DefinitionError> errors)
    {
        var n = steps.Count;
        var next = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            var outcomes = steps[i]!.Outcomes ?? [];
            next[i] = i == n - 1
                ? []
                : outcomes.Count == 0
                    ? [i + 1]
                    : outcomes.Select(o => o?.GoTo).Where(goTo => !Blank(goTo) && ids.ContainsKey(goTo)).Select(goTo => ids[goTo!]).Where(t => t != i).Distinct().ToList();
        }

        var reachable = Closure(0, i => next[i]);
        var leadsToDecision = Closure(n - 1, i => Enumerable.Range(0, n).Where(j => next[j].Contains(i)));
        var decision = steps[n - 1]!.Id;
        for (var i = 0; i < n; i++)
        {
            var step = steps[i]!;
            if (!reachable.Contains(i))
            {
                errors.Add(new(
                    $"steps[{i}]",
                    $"step '{step.Id}' is unreachable: no step leads to it from the first step '{steps[0]!.Id}' "
                    + "(a step without outcomes leads to the next one, a step with outcomes only to their goTo)."));
            }
            else if (!leadsToDecision.Contains(i))
            {
                var outcomes = step.Outcomes ?? [];
                errors.Add(new(
                    $"steps[{i}].outcomes",
                    outcomes.Count > 0 && outcomes.All(o => o?.GoTo == StepOutcome.Supplement)
                        ? $"step '{step.Id}' is a dead end: its only outcomes ask for a supplement, which resumes the same step; add an outcome that moves on."
                        : $"step '{step.Id}' is a dead end: none of its outcomes leads, directly or through other steps, to the decision step '{decision}'."));
            }
        }
    }

    private static HashSet<int> Closure(int start, Func<int, IEnumerable<int>> neighbours)
    {
        var seen = new HashSet<int> { start };
        var queue = new Queue<int>([start]);
        while (queue.TryDequeue(out var i))
        {
            foreach (var j in neighbours(i))
            {
                if (seen.Add(j))
                {
                    queue.Enqueue(j);
                }
            }
        }

        return seen;
    }

    /// <summary>A JSON error as a field error: unknown or missing properties, nulls, values of the wrong kind.</summary>
    private static DefinitionError FromJson(JsonException e, string json)
    {
        var path = e.Path is null or "$" ? "$" : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path;
        var message = e.Message;
        if (MissingProperties().Match(message) is { Success: true } missing)
        {
            var names = Quoted().Matches(missing.Groups[1].Value).Select(m => m.Groups[1].Value).ToList();
            var field = names.Count == 1 ? Join(path, names[0]) : path;
            return new(field, names.Count == 1 ? "is required." : $"misses the required properties {string.Join(", ", names)}.");
        }

        if (UnmappedProperty().IsMatch(message))
        {
            return new(path, "is not a property of a procedure definition (docs/procedures.md lists them).");
        }

        if (NullNotAllowed().IsMatch(message))
        {
            return new(path, "must not be null.");
        }

        if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            var value = ValueAt(json, path);
            var allowed = AllowedValues(path);
            return new(path, $"{value ?? "the value"} is not valid here" + (allowed is null ? "." : $"; expected {allowed}."));
        }

        var line = message.IndexOf(" Path:", StringComparison.Ordinal);
        return new(path, line > 0 ? message[..line] : message);
    }

    private static string Join(string path, string property) => path == "$" ? property : $"{path}.{property}";

    private static string? ValueAt(string json, string path)
    {
        try
        {
            JsonNode? node = JsonNode.Parse(json);
            foreach (Match segment in PathSegment().Matches(path))
            {
                node = segment.Groups["name"].Success ? node?[segment.Groups["name"].Value] : node?[int.Parse(segment.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture)];
            }

            return node?.ToJsonString();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentOutOfRangeException or FormatException)
        {
            return null;
        }
    }

    private static string? AllowedValues(string path)
    {
        var last = PathSegment().Matches(path).LastOrDefault(m => m.Groups["name"].Success)?.Groups["name"].Value;
        return last switch
        {
            "role" => "officer or leader (a step's role)",
            "level" => "3 or 4",
            "onlineMode" => "\"toanTrinh\" or \"motPhan\"",
            "administrativeLevel" => "\"province\", \"district\" or \"commune\"",
            "supplementPolicy" => "\"pause\" or \"restart\"",
            "resultDeliveries" => "\"inPerson\", \"online\" or \"post\"",
            "workingDays" or "copies" or "amountVnd" => "a whole number",
            "original" => "true or false",
            "outcomes" or "steps" or "fees" or "requiredDocuments" => "a list",
            _ => "a string",
        };
    }

    private static void Required(string? value, string field, string what, List<DefinitionError> errors)
    {
        if (Blank(value))
        {
            errors.Add(new(field, $"is required: {what}."));
        }
    }

    private static bool Blank([NotNullWhen(false)] string? s) => string.IsNullOrWhiteSpace(s);

    private static string Camel<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    [GeneratedRegex(@"^\d\.\d{6}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex StepIdPattern();

    [GeneratedRegex("^[a-z][A-Za-z0-9]*$")]
    private static partial Regex OutcomeNamePattern();

    [GeneratedRegex("missing required properties including: (.*)\\.$")]
    private static partial Regex MissingProperties();

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex Quoted();

    [GeneratedRegex("could not be mapped to any .NET member")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("doesn't allow null values")]
    private static partial Regex NullNotAllowed();

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();

    private sealed record StepShape(string? Id, string? Name, Role Role, string? Agency, int WorkingDays, IReadOnlyList<StepOutcome?>? Outcomes);

    private sealed record Shape(
        string? Code,
        string? Name,
        string? Field,
        string? Agency,
        ServiceLevel Level,
        int WorkingDays,
        IReadOnlyList<Fee?>? Fees,
        IReadOnlyList<RequiredDocument?>? RequiredDocuments,
        IReadOnlyList<ResultDelivery>? ResultDeliveries,
        IReadOnlyList<StepShape?>? Steps)
    {
        public static Shape Of(ProcedureDefinition d) => new(
            d.Code, d.Name, d.Field, d.Agency, d.Level, d.WorkingDays, d.Fees, d.RequiredDocuments, d.ResultDeliveries,
            d.Steps?.Select(s => s is null ? null : new StepShape(s.Id, s.Name, s.Role, s.Agency, s.WorkingDays, s.Outcomes)).ToList());

        public static Shape Of(Procedure p) => new(
            p.Code, p.Name, p.Field, p.Agency, p.Level, p.WorkingDays, p.Fees, p.RequiredDocuments, p.ResultDeliveries,
            p.Steps?.Select(s => s is null ? null : new StepShape(s.Id, s.Name, s.Role, s.Agency, s.WorkingDays, s.Outcomes)).ToList());
    }
}
