using Dossier.Domain.Access;
using Dossier.Domain.Procedures;
using Dossier.Workflows.Definitions;
using Dossier.Workflows.Validation;
using static Dossier.Workflows.Tests.Engine.Support.Catalogue;

namespace Dossier.Workflows.Tests.Validation;

/// <summary>Each rule of docs/procedures.md § Validation, broken on purpose in a shipped definition.</summary>
public sealed class DefinitionValidatorTests
{
    private static readonly IReadOnlyList<Agency> Agencies = ShippedCatalogue.Agencies();

    /// <summary>1.009994: check(ok → consult, needsSupplement) → consult → site-inspection(ok → approve, discrepancy → check) → approve; 20 days.</summary>
    private static readonly ProcedureDefinition Building = Definition("1.009994");

    [Fact]
    public void the_shipped_catalogue_is_valid()
    {
        Assert.Empty(DefinitionValidator.ValidateCatalogue(Engine.Support.Catalogue.Definitions, Agencies));
    }

    [Fact]
    public void a_valid_definition_has_no_errors() => Assert.Empty(DefinitionValidator.Validate(Building, Agencies));

    [Theory]
    [InlineData(Role.Citizen)]
    [InlineData(Role.Reception)]
    [InlineData(Role.Auditor)]
    [InlineData(Role.Admin)]
    public void a_step_is_processed_by_an_officer_or_a_leader(Role role)
    {
        var error = Single(WithStep(Building, 1, s => s with { Role = role }));

        Assert.Equal("steps[1].role", error.Field);
        Assert.Equal($"{role.ToString().ToLowerInvariant()} is not a role that processes a step: use officer or leader.", error.Message);
    }

    [Fact]
    public void an_undefined_role_number_is_refused() =>
        Assert.Equal("steps[0].role", Single(WithStep(Building, 0, s => s with { Role = (Role)42 })).Field);

    [Fact]
    public void an_outcome_must_lead_to_a_step_of_the_procedure()
    {
        var error = Single(WithStep(Building, 0, s => s with { Outcomes = [new("ok", "consult"), new("needsSupplement", "suplement")] }));

        Assert.Equal("steps[0].outcomes[1].goTo", error.Field);
        Assert.StartsWith("'suplement' is not a step of this procedure; use one of 'check', 'consult', 'site-inspection', 'approve' or 'supplement'", error.Message);
    }

    [Fact]
    public void a_step_no_step_leads_to_is_unreachable()
    {
        var errors = DefinitionValidator.Validate(WithStep(Building, 0, s => s with { Outcomes = [new("ok", "site-inspection")] }));

        var error = Assert.Single(errors);
        Assert.Equal("steps[1]", error.Field);
        Assert.StartsWith("step 'consult' is unreachable: no step leads to it from the first step 'check'", error.Message);
    }

    [Fact]
    public void a_step_whose_only_outcome_is_a_supplement_is_a_dead_end()
    {
        var errors = DefinitionValidator.Validate(WithStep(Building, 0, s => s with { Outcomes = [new("needsSupplement", "supplement")] }));

        Assert.Contains(errors, e => e.Field == "steps[0].outcomes" && e.Message.Contains("dead end: its only outcomes ask for a supplement", StringComparison.Ordinal));
    }

    [Fact]
    public void steps_that_only_lead_to_each_other_are_dead_ends()
    {
        var looping = WithStep(
            WithStep(Building, 0, s => s with { Outcomes = [new("ok", "consult")] }),
            2,
            s => s with { Outcomes = [new("discrepancy", "check")] });

        var errors = DefinitionValidator.Validate(looping);

        Assert.Equal(["steps[0].outcomes", "steps[1].outcomes", "steps[2].outcomes", "steps[3]"], errors.Select(e => e.Field));
        Assert.Equal(
            "step 'check' is a dead end: none of its outcomes leads, directly or through other steps, to the decision step 'approve'.",
            errors[0].Message);
    }

    [Fact]
    public void step_allowances_may_not_exceed_the_statutory_time()
    {
        var errors = DefinitionValidator.Validate(Building with { WorkingDays = 15 });

        var error = Assert.Single(errors);
        Assert.Equal("steps", error.Field);
        Assert.Equal("the steps' allowances add up to 20 working days (5 + 7 + 5 + 3), more than the statutory 15 (workingDays).", error.Message);
    }

    [Fact]
    public void one_step_alone_may_not_exceed_the_statutory_time()
    {
        var errors = DefinitionValidator.Validate(WithStep(Building, 1, s => s with { WorkingDays = 25 }));

        Assert.Contains(errors, e => e.Field == "steps[1].workingDays" && e.Message == "25 working days exceed the procedure's statutory 20 (workingDays).");
        Assert.Contains(errors, e => e.Field == "steps");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(366)]
    public void the_statutory_time_is_one_to_365_working_days(int days) =>
        Assert.Contains(DefinitionValidator.Validate(Building with { WorkingDays = days }), e => e.Field == "workingDays" && e.Message.StartsWith($"{days} is outside 1..365", StringComparison.Ordinal));

    [Fact]
    public void a_step_takes_at_least_a_working_day() =>
        Assert.Equal("steps[2].workingDays", Single(WithStep(Building, 2, s => s with { WorkingDays = 0 })).Field);

    [Fact]
    public void a_level_4_procedure_delivers_its_result_online()
    {
        var level4 = Definition("1.000656");
        var error = Single(level4 with { ResultDeliveries = [ResultDelivery.InPerson, ResultDelivery.Post] });

        Assert.Equal("resultDeliveries", error.Field);
        Assert.Equal("a level-4 procedure delivers its result online: include \"online\".", error.Message);
    }

    [Fact]
    public void a_level_4_procedure_is_paid_online_toan_trinh()
    {
        var error = Single(Definition("2.000505") with { OnlineMode = OnlineMode.MotPhan });

        Assert.Equal("onlineMode", error.Field);
        Assert.StartsWith("a level-4 procedure is toanTrinh: fees are paid online", error.Message);
    }

    [Fact]
    public void a_level_3_procedure_returns_no_result_online()
    {
        var errors = DefinitionValidator.Validate(Building with { ResultDeliveries = [ResultDelivery.InPerson, ResultDelivery.Online] });

        Assert.Contains(errors, e => e.Field == "resultDeliveries" && e.Message.StartsWith("a level-3 procedure returns its result in person or by post", StringComparison.Ordinal));
    }

    [Fact]
    public void a_level_3_procedure_is_mot_phan() =>
        Assert.Equal("onlineMode", Single(Building with { OnlineMode = OnlineMode.ToanTrinh }).Field);

    [Fact]
    public void a_fee_line_has_a_positive_amount()
    {
        var error = Single(Definition("2.000505") with { Fees = [new Fee("Phí cung cấp thông tin lý lịch tư pháp", 0)] });

        Assert.Equal("fees[0].amountVnd", error.Field);
    }

    [Fact]
    public void step_ids_are_unique()
    {
        var errors = DefinitionValidator.Validate(WithStep(Building, 1, s => s with { Id = "check" }));

        Assert.Contains(errors, e => e.Field == "steps[1].id" && e.Message == "'check' is already the id of steps[0]; step ids are unique.");
    }

    [Fact]
    public void outcome_names_are_unique_within_a_step()
    {
        var error = Single(WithStep(Building, 2, s => s with { Outcomes = [new("ok", "approve"), new("OK", "check")] }));

        Assert.Equal("steps[2].outcomes[1].name", error.Field);
    }

    [Fact]
    public void a_step_cannot_lead_to_itself() =>
        Assert.Contains(
            DefinitionValidator.Validate(WithStep(Building, 2, s => s with { Outcomes = [new("ok", "approve"), new("again", "site-inspection")] })),
            e => e.Field == "steps[2].outcomes[1].goTo");

    [Fact]
    public void the_last_step_is_a_leaders_decision_without_outcomes()
    {
        var errors = DefinitionValidator.Validate(WithStep(Building, 3, s => s with { Role = Role.Officer, Outcomes = [new("ok", "check")] }));

        Assert.Contains(errors, e => e.Field == "steps[3].role" && e.Message == "the last step 'approve' is the decision (approve or refuse): its role must be leader, not officer.");
        Assert.Contains(errors, e => e.Field == "steps[3].outcomes");
    }

    [Fact]
    public void a_procedure_has_steps() =>
        Assert.Equal("steps", Single(Building with { Steps = [] }).Field);

    [Fact]
    public void agencies_must_be_known_when_the_list_is_given()
    {
        var errors = DefinitionValidator.Validate(WithStep(Building with { Agency = "000.00.77.H08" }, 1, s => s with { Agency = "000.00.88.H08" }), Agencies);

        Assert.Contains(errors, e => e.Field == "agency" && e.Message == "unknown agency '000.00.77.H08': it is not in the agency list.");
        Assert.Contains(errors, e => e.Field == "steps[1].agency");
    }

    [Fact]
    public void the_administrative_level_is_that_of_the_agency()
    {
        var error = Assert.Single(DefinitionValidator.Validate(Building with { AdministrativeLevel = AdministrativeLevel.Commune }, Agencies));

        Assert.Equal("administrativeLevel", error.Field);
        Assert.StartsWith("is commune but the agency 000.00.05.H08", error.Message);
    }

    [Fact]
    public void code_name_field_and_agency_are_required()
    {
        var errors = DefinitionValidator.Validate(Building with { Code = " ", Name = "", Field = "", Agency = "" });

        Assert.Equal(["code", "name", "field", "agency"], errors.Select(e => e.Field));
    }

    [Fact]
    public void a_code_has_the_national_shape() =>
        Assert.Equal("'1.9994' is not a national procedure code (d.dddddd, e.g. 1.000656).", Single(Building with { Code = "1.9994" }).Message);

    [Fact]
    public void a_catalogue_reports_duplicate_codes_naming_the_procedure()
    {
        var errors = DefinitionValidator.ValidateCatalogue([Building, Definition("1.000656"), Building]);

        var error = Assert.Single(errors);
        Assert.Equal("code", error.Field);
        Assert.Equal("1.009994", error.Procedure);
        Assert.Equal("is used by 2 definitions (positions 0, 2); a code names exactly one procedure.", error.Message);
    }

    [Fact]
    public void a_catalogue_names_the_procedure_of_each_error()
    {
        var error = Assert.Single(DefinitionValidator.ValidateCatalogue([Building with { WorkingDays = 0 }]));

        Assert.Equal("1.009994: workingDays: 0 is outside 1..365: the statutory time is at least one working day.", error.ToString());
    }

    private static DefinitionError Single(ProcedureDefinition definition) => Assert.Single(DefinitionValidator.Validate(definition));

    private static ProcedureDefinition WithStep(ProcedureDefinition definition, int index, Func<StepDefinition, StepDefinition> change) =>
        definition with { Steps = definition.Steps.Select((s, i) => i == index ? change(s) : s).ToList() };
}
