using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dossier.Api.Dossiers;
using Dossier.Api.Sla;
using Dossier.Bench.Infrastructure;
using Dossier.Bench.Load;
using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Projections.Dossiers;
using Dossier.Projections.Statistics;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dossier.Bench.Scenarios;

/// <param name="Dossiers">Open dossiers of one procedure seeded, all received at about the same moment.</param>
/// <param name="SeedSeconds">Seeding time (Marten appends in the benchmark process; not the measured figure).</param>
/// <param name="Expected">Reminders due at the moved clock, computed from each seeded state with <see cref="SlaReminders"/>.</param>
/// <param name="Recorded">reminder-recorded.v1 events of the seeded dossiers when polling stopped.</param>
/// <param name="DossiersReminded">Distinct seeded dossiers with such an event (exactly once: equals Recorded).</param>
/// <param name="Seconds">From the clock move's response to the last reminder recorded; null when not all were within the limit.</param>
public sealed record ReminderResult(
    int Dossiers,
    double SeedSeconds,
    double DaemonSeconds,
    DateTimeOffset MovedTo,
    long Expected,
    long Recorded,
    long DossiersReminded,
    double? Seconds,
    double LimitSeconds,
    CpuSplit? Cpu)
{
    public bool ExactlyOnce => Recorded == Expected && DossiersReminded == Recorded;

    public double PerSecond => Seconds is { } s && s > 0 ? Recorded / s : 0;
}

/// <summary>
/// Scenario 7: many open dossiers fall due at once. They are seeded through the domain decider (filed online, received:
/// real events, appended with Marten in large transactions, their summaries kept by the inline projection), then the
/// API's development clock is moved just past the moment their "deadline approaching" reminders fire. The API's
/// Quartz tick sweeps; the benchmark polls the event store until every reminder is recorded.
/// </summary>
public static class Reminders
{
    /// <summary>Codes on days of 2090, which no other scenario and no API clock hands out.</summary>
    private static readonly DateOnly FirstDay = new(2090, 1, 1);

    private const string SeededCodes = "-90[0-9]{4}-";

    public static async Task<ReminderResult> Run(
        string connectionString, string apiBaseUrl, Observed observed, IReadOnlyList<BenchProcedure> procedures, int dossiers, double limitSeconds,
        CancellationToken ct)
    {
        var progress = ConsoleProgress.Instance;
        await using var services = await EngineServices.Build(connectionString);
        var store = services.GetRequiredService<IDocumentStore>();
        var calendar = WorkingCalendar.Vietnam();
        var sla = new SlaOptions();

        var seeding = Stopwatch.StartNew();
        var fireTimes = new List<DateTimeOffset>[2];
        var dueTimes = new DateTimeOffset[2];
        const int PerTransaction = 1000;
        var seeded = 0;
        await Task.WhenAll(Enumerable.Range(0, 2).Select(worker => Task.Run(async () =>
        {
            var fires = fireTimes[worker] = [];
            var earliestDue = DateTimeOffset.MaxValue;
            for (var first = worker * PerTransaction; first < dossiers; first += 2 * PerTransaction)
            {
                ct.ThrowIfCancellationRequested();
                await using var session = store.LightweightSession();
                var reception = LifecyclePolicy.Actor(Who.Reception, 0, procedures[0].Agency);
                new RequestMetadata("bench-reminders", "bench-reminders").Stamp(session, reception);
                for (var n = first; n < Math.Min(dossiers, first + PerTransaction); n++)
                {
                    var procedure = procedures[0];
                    var context = new DecisionContext(procedure.Procedure, calendar);
                    var code = DossierCode.Create(procedure.Agency, FirstDay.AddDays(n / 9999), n % 9999 + 1);
                    var now = DateTimeOffset.UtcNow;
                    var filed = DossierDecider.Decide(DossierState.Initial,
                        new FileOnline(LifecyclePolicy.Actor(Who.Citizen, n % 16, procedure.Agency), now, code,
                            new Applicant("Nguyễn Văn An", LifecyclePolicy.Citizen(n % 16), "0912345678"), "Hồ sơ đo nhắc hạn", MartenDirect.Documents),
                        context);
                    var state = filed.Events.Aggregate(DossierState.Initial, DossierState.Evolve);
                    var received = DossierDecider.Decide(state, new Receive(LifecyclePolicy.Actor(Who.Reception, 0, procedure.Agency), now), context);
                    if (received.IsRejected)
                    {
                        throw new InvalidOperationException($"{code}: receive refused: {received.Error.Message}");
                    }

                    state = received.Events.Aggregate(state, DossierState.Evolve);
                    foreach (var wanted in SlaReminders.Wanted(state, calendar, sla, procedure.Procedure))
                    {
                        fires.Add(wanted.FireAt);
                    }

                    earliestDue = state.DueAt is { } due && due < earliestDue ? due : earliestDue;
                    session.Events.StartStream<DossierSummary>(code.ToString(), filed.Events.Concat(received.Events).Cast<object>().ToArray());
                }

                await session.SaveChangesAsync(ct);
                progress.Status($"7 reminders: seeding {Interlocked.Add(ref seeded, Math.Min(PerTransaction, dossiers - first)):N0}/{dossiers:N0} open dossiers");
            }

            dueTimes[worker] = earliestDue;
        }, ct)));
        var seedSeconds = seeding.Elapsed.TotalSeconds;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var daemon = await DaemonCaughtUp(dataSource, ct);
        progress.Note($"  7 reminders: seeded {dossiers:N0} received dossiers in {seedSeconds:0.0} s; the API's async daemon projected them in {daemon:0.0} s more");

        // Just after the last "deadline approaching" fire time of the seeded dossiers and before any of them is due.
        var all = fireTimes.SelectMany(f => f).Order().ToList();
        var approachingLast = all.Where(f => f < dueTimes.Min()).DefaultIfEmpty(DateTimeOffset.UtcNow).Max();
        var target = approachingLast.AddMinutes(1);
        var expected = all.Count(f => f <= target);

        using var http = new HttpClient { BaseAddress = new Uri(apiBaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        using var tokenResponse = await http.PostAsJsonAsync("/api/v1/auth/dev-token", new { sub = "bench-clock", role = "admin" }, ct);
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonObject>(ct))!["token"]!.GetValue<string>();

        var lastSeededEvent = await LastEvent(dataSource, ct);
        var cpuBefore = CpuSnapshot.Take(observed.ApiPid(), observed.PostmasterPid());
        using var move = new HttpRequestMessage(HttpMethod.Post, "/api/v1/dev/clock") { Content = JsonContent.Create(new { now = target }) };
        move.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var moved = await http.SendAsync(move, ct);
        if (!moved.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Moving the development clock failed: {(int)moved.StatusCode} {await moved.Content.ReadAsStringAsync(ct)}");
        }

        var clock = Stopwatch.StartNew();
        (long Recorded, long Dossiers) counts = (0, 0);
        double? seconds = null;
        while (clock.Elapsed.TotalSeconds < limitSeconds)
        {
            counts = await Count(dataSource, lastSeededEvent, ct);
            if (counts.Recorded >= expected)
            {
                seconds = clock.Elapsed.TotalSeconds;
                break;
            }

            progress.Status($"7 reminders: {counts.Recorded:N0}/{expected:N0} recorded after {clock.Elapsed.TotalSeconds:0} s");
            await Task.Delay(200, ct); // polling interval: the figure is precise to about 0.2 s
        }

        var cpu = ProcStats.Available ? CpuSnapshot.Between(cpuBefore, CpuSnapshot.Take(observed.ApiPid(), observed.PostmasterPid())) : null;
        // a late duplicate would show up after the last expected one: look once more
        counts = await Count(dataSource, lastSeededEvent, ct);
        progress.ClearStatus();
        return new ReminderResult(dossiers, Math.Round(seedSeconds, 1), Math.Round(daemon, 1), target, expected, counts.Recorded, counts.Dossiers,
            seconds is { } s ? Math.Round(s, 2) : null, limitSeconds, cpu);
    }

    /// <summary>Waits until the async daemon has projected every event: its catch-up is not part of the sweep's time.</summary>
    private static async Task<double> DaemonCaughtUp(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var progress = ConsoleProgress.Instance;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            await using var command = dataSource.CreateCommand(
                "select (select coalesce(max(seq_id), 0) from dossier.mt_events), "
                + "(select case when count(*) = 2 then min(last_seq_id) else 0 end from dossier.mt_event_progression where name = any(@shards))");
            command.Parameters.AddWithValue("shards", new[] { $"{DossierFactsProjection.ProjectionName}:All", $"{DailyStatisticsProjection.ProjectionName}:All" });
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var (last, projected) = (reader.GetInt64(0), reader.GetInt64(1));
            if (projected >= last)
            {
                return clock.Elapsed.TotalSeconds;
            }

            progress.Status($"7 reminders: waiting for the API's async daemon ({projected:N0} of {last:N0} events projected)");
            await Task.Delay(500, ct); // polling interval
        }

        throw new TimeoutException("The API's async daemon did not catch up with the seeded events within 10 minutes.");
    }

    private static async Task<long> LastEvent(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select coalesce(max(seq_id), 0) from dossier.mt_events");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Counts only the events appended after the clock moved (a range of the primary key): the poll runs on the
    /// PostgreSQL being measured, and a scan of every event each 0.2 s took it about as long as the sweep's own statements.
    /// </summary>
    private static async Task<(long, long)> Count(NpgsqlDataSource dataSource, long after, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"select count(*), count(distinct stream_id) from dossier.mt_events where seq_id > {after} and type = 'reminder-recorded.v1' and stream_id ~ '{SeededCodes}'");
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
