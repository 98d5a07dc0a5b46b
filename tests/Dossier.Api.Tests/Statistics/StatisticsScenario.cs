using Dossier.Api.Tests.Fixtures;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests.Statistics;

/// <summary>
/// Three dossiers of two units, in the week of Monday 23 November 2026, driven through HTTP:
/// D1 online at commune 000.01.21.H08 (1.001193, 1 working day), received and approved on Monday → before the deadline, rated;
/// D2 in person at commune 000.01.24.H08 (2.000815, 1 working day), received Monday, due Tuesday 17:00, still open on
/// Wednesday → in progress, overdue; D3 online at 000.01.21.H08, withdrawn before receipt.
/// The clock ends on Wednesday 25 November, 10:00.
/// </summary>
public sealed class StatisticsScenario : IAsyncLifetime
{
    public const string CommuneA = "000.01.21.H08";
    public const string CommuneB = "000.01.24.H08";

    public StatisticsFactory Factory { get; } = new(StatisticsFactory.CreateDatabase());

    public ApiClient Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Api = new ApiClient(Factory);
        await FileAll(Api, Factory);
        await Factory.CatchUp();
    }

    public static async Task FileAll(ApiClient api, ApiFactory factory)
    {
        var citizen = await api.Citizen("079201000901");
        var receptionA = await api.Staff("st-reception-a", "reception", CommuneA);
        var leaderA = await api.Staff("st-leader-a", "leader", CommuneA);
        var receptionB = await api.Staff("st-reception-b", "reception", CommuneB);

        var d1 = await api.Submit(citizen, "1.001193");
        d1 = await api.Act(receptionA, d1, "receive");
        d1 = await api.Act(leaderA, d1, "assign", new { assignee = leaderA.Sub });
        factory.SetNow(ApiFactory.Start.AddHours(1));
        d1 = await api.Act(leaderA, d1, "approve");
        await api.Act(citizen, d1, "rate", new { rating = "satisfied" });

        await api.FileDirect(receptionB, "2.000815");

        var d3 = await api.Submit(citizen, "1.001193");
        await api.Act(citizen, d3, "withdraw", new { reason = "Nộp nhầm" });

        factory.SetNow(ApiFactory.Start.AddDays(2).AddHours(1));
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
