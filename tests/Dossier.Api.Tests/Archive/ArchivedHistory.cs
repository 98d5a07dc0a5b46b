using System.Text;
using System.Text.Json.Nodes;
using Dossier.Api.Archive;
using Dossier.Api.Tests.Fixtures;
using Dossier.Api.Tests.Statistics;
using Dossier.Projections.Dossiers;
using Marten;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests.Archive;

/// <summary>
/// A varied history written through HTTP on a host of its own database, exported with the <c>archive export</c> verb,
/// and imported with <c>archive import</c> into a second, empty database that a second host then serves.
/// D1 level 4 online: paid, approved, returned online, rated. D2 level 3 at the desk: refused, returned in person.
/// D3 withdrawn before receipt, under a correlation id with quotes and a backslash. D4 in person at another unit: apology, approved, returned. D5 level 3 online: a supplement
/// pause, still processing. D6 filed under a version an administrator published. D7 not accepted.
/// </summary>
public sealed class ArchivedHistory : IAsyncLifetime
{
    public const string CommuneA = "000.01.21.H08";
    public const string CommuneB = "000.01.24.H08";
    public const string Period = "from=2026-11-01&to=2026-11-30";

    /// <summary>A correlation id that JSON must escape, so the import's unescaping is exercised.</summary>
    public const string CorrelationNeedingEscapes = "case \"D3\" \\ withdrawn";

    private const string CorrelationHeader = "X-Correlation-Id";

    public string SourceDatabase { get; } = StatisticsFactory.CreateDatabase();

    public string TargetDatabase { get; } = StatisticsFactory.CreateDatabase();

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"dossier-archive-test-{Guid.NewGuid():N}");

    public StatisticsFactory Source { get; private set; } = null!;

    public StatisticsFactory Target { get; private set; } = null!;

    public ArchiveManifest Manifest { get; private set; } = null!;

    public IReadOnlyList<string> Codes { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Source = new StatisticsFactory(SourceDatabase);
        await Write(new ApiClient(Source), Source);
        await Source.CatchUp();
        await using (var session = Source.Store.QuerySession())
        {
            Codes = await session.Query<DossierSummary>().Select(s => s.Id).ToListAsync();
        }

        var (code, _, errors) = await Verb("export", Folder, SourceDatabase);
        Assert.True(code == 0, errors);
        Manifest = await ArchiveManifest.Read(Folder, CancellationToken.None);

        (code, _, errors) = await Verb("import", Folder, TargetDatabase);
        Assert.True(code == 0, errors);
        Target = new StatisticsFactory(TargetDatabase);
        Target.SetNow(Source.Clock.GetUtcNow());
    }

    public async Task DisposeAsync()
    {
        try
        {
            // null when the fixture failed before starting them
            if (Source is not null)
            {
                await Source.DisposeAsync();
            }

            if (Target is not null)
            {
                await Target.DisposeAsync();
            }
        }
        finally
        {
            if (Directory.Exists(Folder))
            {
                Directory.Delete(Folder, recursive: true);
            }
        }
    }

    public static async Task<(int Code, string Output, string Errors)> Verb(string action, string folder, string database, params string[] settings)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await ArchiveCommand.Run([ArchiveCommand.Verb, action, folder, $"--ConnectionStrings:Dossier={database}", .. settings], output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    /// <summary>A copy of the archive to tamper with.</summary>
    public string CopyOfArchive()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"dossier-archive-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.EnumerateFiles(Folder))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        return copy;
    }

    private static async Task Write(ApiClient api, ApiFactory factory)
    {
        var citizen = await api.Citizen("079201006001");
        var other = await api.Citizen("079201006002");
        var receptionA = await api.Staff("arc-reception-a", "reception", CommuneA);
        var officerA = await api.Staff("arc-officer-a", "officer", CommuneA);
        var leaderA = await api.Staff("arc-leader-a", "leader", CommuneA);
        var receptionB = await api.Staff("arc-reception-b", "reception", CommuneB);
        var leaderB = await api.Staff("arc-leader-b", "leader", CommuneB);
        var admin = await api.Staff("arc-admin", "admin", "000.00.00.H08");

        var d1 = await api.Submit(citizen, "1.004873", idempotencyKey: "archive-d1");
        d1 = await api.Act(receptionA, d1, "receive");
        d1 = await api.Act(receptionA, d1, "request-payment", new { amount = 50_000 });
        d1 = await api.Act(citizen, d1, "pay", new { amount = 50_000, reference = "VNPAY-ARCHIVE-1" });
        factory.SetNow(ApiFactory.Start.AddHours(1));
        d1 = await api.Act(receptionA, d1, "assign", new { assignee = officerA.Sub });
        d1 = await api.Act(officerA, d1, "complete-step", new { outcome = "ok", opinion = "Đủ điều kiện" });
        d1 = await api.Act(leaderA, d1, "assign", new { assignee = leaderA.Sub });
        d1 = await api.Act(leaderA, d1, "approve");
        d1 = await api.Act(citizen, d1, "return-result", new { method = "online" });
        await api.Act(citizen, d1, "rate", new { rating = "verySatisfied", comment = "Nhanh gọn" });

        var d2 = await api.FileDirect(receptionA, "1.000894");
        d2 = await api.Act(receptionA, d2, "assign", new { assignee = officerA.Sub });
        factory.SetNow(ApiFactory.Start.AddHours(3));
        d2 = await api.Act(officerA, d2, "complete-step", new { outcome = "eligible" });
        d2 = await api.Act(leaderA, d2, "assign", new { assignee = leaderA.Sub });
        d2 = await api.Act(leaderA, d2, "refuse", new { reason = "Không đủ điều kiện cấp phép" });
        await api.Act(receptionA, d2, "return-result", new { method = "inPerson" });

        var d3 = await api.Submit(other, "1.001193");
        await Expect(await api.Post($"/api/v1/dossiers/{Code(d3)}/withdraw", other, new { reason = "Nộp nhầm" }, Version(d3),
            new Dictionary<string, string> { [CorrelationHeader] = CorrelationNeedingEscapes }), System.Net.HttpStatusCode.OK);

        var d4 = await api.FileDirect(receptionB, "2.000815");
        d4 = await api.Act(receptionB, d4, "assign", new { assignee = leaderB.Sub });
        d4 = await api.Act(leaderB, d4, "issue-apology",
            new { reason = "Chờ xác minh", newDueAt = d4["dueAt"]!.GetValue<DateTimeOffset>().AddDays(2) });
        factory.SetNow(ApiFactory.Start.AddDays(1));
        d4 = await api.Act(leaderB, d4, "approve");
        await api.Act(receptionB, d4, "return-result", new { method = "inPerson" });

        var d5 = await api.Submit(other, "1.000894");
        d5 = await api.Act(receptionA, d5, "receive");
        d5 = await api.Act(receptionA, d5, "assign", new { assignee = officerA.Sub });
        d5 = await api.Act(officerA, d5, "complete-step", new { outcome = "needsSupplement", opinion = "Thiếu bản vẽ" });
        factory.SetNow(ApiFactory.Start.AddDays(1).AddHours(2));
        await api.Act(other, d5, "provide-supplement", new { documents = new[] { new { name = "Bản vẽ", sha256 = new string('a', 64) } } });

        var definition = (await Expect(await api.Get("/api/v1/procedures/2.000884"), System.Net.HttpStatusCode.OK))["definition"]!.AsObject();
        definition["name"] = definition["name"]!.GetValue<string>() + " (sửa đổi)";
        await Expect(await api.Send(HttpMethod.Put, "/api/v1/procedures/2.000884", admin,
            new StringContent(definition.ToJsonString(), Encoding.UTF8, Json)), System.Net.HttpStatusCode.Created);
        var d6 = await api.Submit(citizen, "2.000884");
        Assert.Equal(2, d6["procedureVersion"]!.GetValue<int>());
        await api.Act(receptionB, d6, "receive");

        var d7 = await api.Submit(other, "1.001193");
        await api.Act(receptionA, d7, "not-accept", new { reason = "Không thuộc thẩm quyền" });

        factory.SetNow(ApiFactory.Start.AddDays(2).AddHours(1));
    }

    public static bool Same(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);
}
