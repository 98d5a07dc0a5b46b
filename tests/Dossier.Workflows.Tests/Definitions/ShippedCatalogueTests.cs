using Dossier.Domain.Access;
using Dossier.Domain.Procedures;
using Dossier.Workflows.Definitions;

namespace Dossier.Workflows.Tests.Definitions;

public sealed class ShippedCatalogueTests
{
    private static readonly IReadOnlyList<ProcedureDefinition> Procedures = ShippedCatalogue.Procedures();
    private static readonly IReadOnlyList<Agency> Agencies = ShippedCatalogue.Agencies();

    public static TheoryData<string> Codes() => new(Procedures.Select(p => p.Code));

    [Fact]
    public void the_catalogue_offers_at_least_twenty_procedures_with_unique_codes()
    {
        Assert.True(Procedures.Count >= 20, $"{Procedures.Count} procedures");
        Assert.Equal(Procedures.Count, Procedures.Select(p => p.Code).Distinct().Count());
    }

    [Fact]
    public void it_covers_both_levels_all_administrative_levels_and_one_to_thirty_days()
    {
        Assert.Contains(Procedures, p => p.Level == ServiceLevel.Level3);
        Assert.Contains(Procedures, p => p.Level == ServiceLevel.Level4);
        Assert.Equal(Enum.GetValues<AdministrativeLevel>().Order(), Procedures.Select(p => p.AdministrativeLevel).Distinct().Order());
        Assert.Equal(1, Procedures.Min(p => p.WorkingDays));
        Assert.Equal(30, Procedures.Max(p => p.WorkingDays));
        Assert.True(Procedures.Count(p => p.Steps.Any(s => s.Agency is not null)) >= 2, "at least two liên thông procedures");
        Assert.Contains(Procedures, p => p.Fees.Any(f => f.AmountVnd > 0));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void each_procedure_is_well_formed(string code)
    {
        var definition = Procedures.Single(p => p.Code == code);
        var procedure = definition.ToProcedure(1);
        var agencies = Agencies.Select(a => a.Id).ToHashSet();

        Assert.Contains(definition.Agency, agencies);
        Assert.All(procedure.Steps, s => Assert.True(s.Agency is null || agencies.Contains(s.Agency), $"{s.Id}: unknown agency {s.Agency}"));
        Assert.Equal(Role.Leader, procedure.Steps[^1].Role);
        Assert.True(procedure.Steps.Sum(s => s.WorkingDays) <= procedure.WorkingDays, "step allowances exceed the statutory time");
        var ids = procedure.Steps.Select(s => s.Id).ToHashSet();
        Assert.All(procedure.Steps.SelectMany(s => s.Outcomes),
            o => Assert.True(o.GoTo == StepOutcome.Supplement || ids.Contains(o.GoTo), $"outcome {o.Name} goes to unknown {o.GoTo}"));
        Assert.Equal(procedure.Level == ServiceLevel.Level4, procedure.ResultDeliveries.Contains(ResultDelivery.Online));
    }

    [Fact]
    public void a_definition_with_an_unknown_field_is_refused_naming_it()
    {
        var error = Assert.ThrowsAny<System.Text.Json.JsonException>(() => ProcedureDefinition.Parse("""{ "code": "1", "colour": "red" }"""));
        Assert.Contains("colour", error.Message);
    }
}
