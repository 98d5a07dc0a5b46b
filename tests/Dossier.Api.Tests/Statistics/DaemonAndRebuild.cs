using System.Net;
using Dossier.Api.Operations;
using Dossier.Api.Tests.Fixtures;
using Dossier.Projections.Statistics;
using Marten;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests.Statistics;

/// <summary>
/// The statistics live on the async daemon of the API host: it catches up with what was written while it was not
/// running, and the host's <c>rebuild</c> verb rebuilds every projection and checks it against the live read models.
/// </summary>
public sealed class DaemonAndRebuild
{
    private const string November = "from=2026-11-01&to=2026-11-30";

    [Fact]
    public async Task the_daemon_catches_up_after_the_host_restarts()
    {
        var database = StatisticsFactory.CreateDatabase();
        await using (var first = new StatisticsFactory(database))
        {
            var api = new ApiClient(first);
            await StatisticsScenario.FileAll(api, first);
            await first.CatchUp();
            Assert.Equal(2, await ReceivedInNovember(api));
        }

        // A host without the daemon writes three more dossiers: nobody projects them yet.
        await using (var withoutDaemon = new StatisticsFactory(database, "Disabled"))
        {
            var api = new ApiClient(withoutDaemon);
            var reception = await api.Staff("restart-reception", "reception", StatisticsScenario.CommuneB);
            for (var i = 0; i < 3; i++)
            {
                await api.FileDirect(reception, "2.000815", "post");
            }

            Assert.Equal(2, await ReceivedInNovember(api));
        }

        await using var restarted = new StatisticsFactory(database);
        var after = new ApiClient(restarted);
        await restarted.CatchUp();
        Assert.Equal(5, await ReceivedInNovember(after));
        await using var session = restarted.Store.QuerySession();
        Assert.Equal(5, await session.Query<DossierFacts>().CountAsync(f => f.ReceivedAt != null));
    }

    [Fact]
    public async Task the_rebuild_verb_rebuilds_every_projection_and_its_check_fails_loudly_on_a_difference()
    {
        var database = StatisticsFactory.CreateDatabase();
        await using (var host = new StatisticsFactory(database))
        {
            var api = new ApiClient(host);
            await StatisticsScenario.FileAll(api, host);
            await host.CatchUp();
        }

        var (code, output, errors) = await Rebuild("--check", $"--ConnectionStrings:Dossier={database}");
        Assert.True(code == 0, errors);
        Assert.Contains("rebuilt dossier-facts: 3 documents", output, StringComparison.Ordinal);
        Assert.Contains("DossierFacts: identical", output, StringComparison.Ordinal);
        Assert.Contains("check passed", output, StringComparison.Ordinal);

        string tampered;
        await using (var host = new StatisticsFactory(database, "Disabled"))
        {
            await using var session = host.Store.LightweightSession();
            var facts = await session.Query<DossierFacts>().Where(f => f.ReceivedAt != null && f.ResolvedAt == null).SingleAsync();
            tampered = facts.Id;
            session.Store(facts with { ResolvedAt = facts.ReceivedAt, Timing = ResolutionTiming.OnTime });
            await session.SaveChangesAsync();
        }

        (code, output, errors) = await Rebuild("--check", $"--ConnectionStrings:Dossier={database}");
        Assert.Equal(1, code);
        Assert.Contains("DossierFacts: 1 documents differ", output, StringComparison.Ordinal);
        Assert.Contains($"DIFFERENT DossierFacts {tampered} (live → rebuilt)", errors, StringComparison.Ordinal);
        Assert.Contains("  resolvedAt: ", errors, StringComparison.Ordinal);
        Assert.Contains("  timing: \"OnTime\" → null", errors, StringComparison.Ordinal);
        Assert.Contains("check FAILED", errors, StringComparison.Ordinal);

        // The failed check left the rebuilt documents in place: a second check finds nothing.
        (code, _, errors) = await Rebuild("--check", $"--ConnectionStrings:Dossier={database}");
        Assert.True(code == 0, errors);

        (code, output, _) = await Rebuild($"--ConnectionStrings:Dossier={database}");
        Assert.Equal(0, code);
        Assert.Contains("rebuilt 3 projections from the events", output, StringComparison.Ordinal);

        (code, _, errors) = await Rebuild("--frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("unknown option --frobnicate", errors, StringComparison.Ordinal);
    }

    private static async Task<int> ReceivedInNovember(ApiClient api)
    {
        var auditor = await api.Staff("restart-auditor", "auditor", "000.00.00.H08");
        var report = await Expect(await api.Get($"/api/v1/statistics/report?{November}", auditor), HttpStatusCode.OK);
        return report["total"]!["received"]!["total"]!.GetValue<int>();
    }

    private static async Task<(int Code, string Output, string Errors)> Rebuild(params string[] arguments)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await RebuildCommand.Run([RebuildCommand.Verb, .. arguments], output, errors);
        return (code, output.ToString(), errors.ToString());
    }
}
