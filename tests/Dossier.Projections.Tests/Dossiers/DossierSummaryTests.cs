using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;
using Dossier.Projections.Dossiers;

namespace Dossier.Projections.Tests.Dossiers;

public sealed class DossierSummaryTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly DossierCode Code = DossierCode.Create("000.01.21.H08", new DateOnly(2026, 11, 23), 7);
    private static readonly Actor Citizen = new("079201000001", Role.Citizen, null);
    private static readonly Actor Desk = new("desk", Role.Reception, "000.01.21.H08");
    private static readonly ProcedureRef Procedure = new("1.004873", 1, "Cấp Giấy xác nhận tình trạng hôn nhân", "000.01.21.H08", ServiceLevel.Level4, 3, SupplementPolicy.Pause);

    [Fact]
    public void the_summary_is_the_domain_fold_plus_the_fields_queues_filter_on()
    {
        IDossierEvent[] events =
        [
            new DossierFiled(Code, Procedure, Channel.Online, new Applicant("Lê Thị D", Citizen.PersonId), Citizen.PersonId, null, [], null, Citizen, Monday),
            new DossierReceived(Code, Monday.AddDays(3).Date.AddHours(17), 3, 1, Desk, Monday.AddHours(1)),
            new DossierAssigned(Code, "verify", "officer-1", Desk, Monday.AddHours(2)),
        ];

        DossierSummary? summary = null;
        var version = 0L;
        foreach (var e in events)
        {
            summary = DossierSummary.Fold(summary, Code.ToString(), e, ++version);
        }

        Assert.NotNull(summary);
        Assert.Equal(DossierState.From(events), summary.State);
        Assert.Equal(3, summary.Version);
        Assert.Equal("000.01.21.H08", summary.Agency);
        Assert.Equal("1.004873", summary.ProcedureCode);
        Assert.Equal(DossierStatus.Processing, summary.Status);
        Assert.Equal("officer-1", summary.Assignee);
        Assert.Equal(Citizen.PersonId, summary.OwnerId);
        Assert.Equal(Monday, summary.FiledAt);
        Assert.Equal(Monday.AddHours(2), summary.LastChangedAt);
        Assert.True(summary.IsOpen);
    }
}
