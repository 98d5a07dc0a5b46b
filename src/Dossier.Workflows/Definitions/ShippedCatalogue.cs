using System.Reflection;
using System.Text.Json;

namespace Dossier.Workflows.Definitions;

/// <summary>The procedures and units shipped with the engine as embedded JSON files.</summary>
public static class ShippedCatalogue
{
    private const string ProcedurePrefix = "Catalogue/Procedures/";
    private const string AgenciesResource = "Catalogue/agencies.json";

    public static IReadOnlyList<ProcedureDefinition> Procedures() =>
        Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ProcedurePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => Parse(n, ProcedureDefinition.Parse))
            .ToList();

    public static IReadOnlyList<Agency> Agencies() =>
        Parse(AgenciesResource, json => JsonSerializer.Deserialize<List<Agency>>(json, ProcedureDefinition.Json) ?? []);

    private static Assembly Assembly => typeof(ShippedCatalogue).Assembly;

    private static T Parse<T>(string resource, Func<string, T> parse)
    {
        using var stream = Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The catalogue resource {resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        try
        {
            return parse(reader.ReadToEnd());
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{resource}: {e.Message}", e);
        }
    }
}
