using Dossier.Domain.Access;
using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;
using Dossier.Workflows.Definitions;
using Dossier.Workflows.Permissions;

namespace Dossier.Workflows.Tests.Permissions;

public sealed class DossierPermissionsTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Vietnam();
    private static readonly Procedure JudicialRecord = ShippedCatalogue.Procedures().Single(p => p.Code == "2.000505").ToProcedure(1);
    private static readonly Actor Owner = new("079201000001", Role.Citizen, null);
    private static readonly Actor Reception = new("desk", Role.Reception, JudicialRecord.Agency);
    private static readonly Actor PoliceOfficer = new("police", Role.Officer, "000.00.90.H08");

    [Theory]
    [InlineData(DossierAction.Receive, new[] { Role.Reception })]
    [InlineData(DossierAction.Approve, new[] { Role.Leader })]
    [InlineData(DossierAction.Refuse, new[] { Role.Leader })]
    [InlineData(DossierAction.Stop, new[] { Role.Leader })]
    [InlineData(DossierAction.Withdraw, new[] { Role.Citizen })]
    [InlineData(DossierAction.Rate, new[] { Role.Citizen })]
    [InlineData(DossierAction.Assign, new[] { Role.Reception, Role.Leader })]
    [InlineData(DossierAction.RequestSupplement, new[] { Role.Reception, Role.Officer })]
    public void the_roles_are_those_of_the_api_contract(DossierAction action, Role[] roles) =>
        Assert.Equal(roles.Order(), DossierPermissions.RolesFor(action).Order());

    [Fact]
    public void nobody_reads_an_auditor_or_admin_into_any_action() =>
        Assert.All(Enum.GetValues<DossierAction>(), a =>
        {
            Assert.False(DossierPermissions.RoleMay(Role.Auditor, a));
            Assert.False(DossierPermissions.RoleMay(Role.Admin, a));
        });

    [Fact]
    public void a_submitted_dossier_offers_the_owner_withdrawal_and_reception_the_receipt()
    {
        var state = Submitted();
        Assert.Equal([DossierAction.Withdraw], DossierPermissions.Permitted(state, JudicialRecord, Owner, Monday, Calendar));
        Assert.Equal(
            [DossierAction.Receive, DossierAction.NotAccept, DossierAction.RequestSupplement],
            DossierPermissions.Permitted(state, JudicialRecord, Reception, Monday, Calendar));
    }

    [Fact]
    public void another_citizen_sees_nothing_and_may_do_nothing()
    {
        var stranger = new Actor("079201000002", Role.Citizen, null);
        Assert.False(DossierPermissions.CanSee(stranger, Submitted(), JudicialRecord));
        Assert.Empty(DossierPermissions.Permitted(Submitted(), JudicialRecord, stranger, Monday, Calendar));
    }

    [Fact]
    public void staff_of_a_lien_thong_step_see_the_dossier_and_staff_of_other_units_do_not()
    {
        Assert.True(DossierPermissions.CanSee(PoliceOfficer, Submitted(), JudicialRecord));
        Assert.False(DossierPermissions.CanSee(new Actor("x", Role.Officer, "000.00.02.H08"), Submitted(), JudicialRecord));
        Assert.True(DossierPermissions.CanSee(new Actor("a", Role.Auditor, null), Submitted(), JudicialRecord));
    }

    [Theory]
    [InlineData(Role.Citizen, ResultDelivery.Online, true)]
    [InlineData(Role.Citizen, ResultDelivery.InPerson, false)]
    [InlineData(Role.Reception, ResultDelivery.InPerson, true)]
    [InlineData(Role.Reception, ResultDelivery.Post, true)]
    [InlineData(Role.Reception, ResultDelivery.Online, false)]
    [InlineData(Role.Officer, ResultDelivery.InPerson, false)]
    public void who_may_hand_over_a_result_by_which_means(Role role, ResultDelivery method, bool may) =>
        Assert.Equal(may, DossierPermissions.MayReturnBy(role, method));

    private static DossierState Submitted()
    {
        var code = DossierCode.Create(JudicialRecord.Agency, new DateOnly(2026, 11, 23), 1);
        var filed = DossierDecider.Decide(
            DossierState.Initial,
            new FileOnline(Owner, Monday, code, new Applicant("Lê Văn C", Owner.PersonId), null, [new SubmittedDocument("Tờ khai", new string('0', 64))]),
            new DecisionContext(JudicialRecord, Calendar));
        return DossierState.From(filed.Events);
    }
}
