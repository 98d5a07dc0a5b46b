using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dossier.Bench.Load;
using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Projections.Statistics;
using Dossier.Projections.Tests.Fixtures;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Weasel.Core;

namespace Dossier.Bench.Scenarios;

/// <param name="Path">The request, e.g. /api/v1/statistics/report?from=…&amp;to=….</param>
public sealed record ReadLatency(string Label, string Path, LatencyStats Latency, long ResponseBytes);

/// <param name="Dossiers">DossierFacts documents seeded; <paramref name="DailyDocuments"/> DailyStatistics documents from the same histories.</param>
/// <param name="OpenDossiers">Of them, still open (received, neither decided nor closed) when the histories end.</param>
public sealed record StatisticsResult(
    int Dossiers,
    int Events,
    int DailyDocuments,
    int OpenDossiers,
    DateOnly HistoryFrom,
    DateOnly HistoryUntil,
    double GenerateSeconds,
    double InsertSeconds,
    int Requests,
    IReadOnlyList<ReadLatency> Reads);

/// <summary>
/// Scenario 6: the statistics endpoints over HTTP with a province's worth of read models. Two years of dossier histories
/// are generated with the domain decider (the property tests' <see cref="HistoryGenerator"/>: every event one the engine
/// could have written), folded by the projections' own code (<see cref="DossierFacts.Fold"/>,
/// <see cref="DailyContribution.Of"/> into <see cref="DailyStatistics"/>), and the resulting documents are bulk-inserted
/// with Marten's BulkInsert — the events themselves are not stored, which is what would make a million dossiers slow to
/// seed. Then report and indicators are asked, one request at a time, for the current month and for the last full year.
/// </summary>
public static class StatisticsReads
{
    private const int Chunk = 20_000;
    private const int MinSamples = 20;
    private static readonly TimeSpan MaxSeries = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The tests leave 4 % of dossiers where they are at each step, to have many open ones; a province's backlog is a few
    /// per cent of two years' dossiers, which 0.2 % per step gives (the dossiers filed in the last weeks are open anyway).
    /// </summary>
    public const double AbandonRate = 0.002;

    public static async Task<StatisticsResult> Run(string connectionString, string apiBaseUrl, int dossiers, int requests, CancellationToken ct)
    {
        var progress = ConsoleProgress.Instance;
        await using var services = await EngineServices.Build(connectionString);
        var store = services.GetRequiredService<IDocumentStore>();
        var calendar = WorkingCalendar.Vietnam();

        // Histories end at the start of today (local): today's daily documents belong to the other scenarios' live dossiers.
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(WorkingCalendar.VietnamOffset).DateTime);
        var until = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), WorkingCalendar.VietnamOffset);
        var from = until.AddYears(-2);
        var daily = new ConcurrentDictionary<string, DailyStatistics>(StringComparer.Ordinal);
        // An open dossier's overdue span may start on a day to come, whose document the other scenarios' live dossiers
        // may already have: those few contributions are added to the stored documents instead of bulk-inserted.
        var fromToday = new ConcurrentQueue<DailyContribution>();
        long events = 0, open = 0, generated = 0;
        double generateSeconds = 0, insertSeconds = 0;

        // Two workers, each filing on its own days (so the codes they hand out never collide), insert as they go.
        const int Workers = 2;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var generator = new HistoryGenerator(7919 + worker, calendar, AbandonRate);
            var random = new Random(104729 + worker);
            var days = (int)(until - from).TotalDays;
            var facts = new List<DossierFacts>(Chunk);
            var mine = dossiers / Workers + (worker < dossiers % Workers ? 1 : 0);
            for (var i = 0; i < mine; i++)
            {
                ct.ThrowIfCancellationRequested();
                var clock = Stopwatch.StartNew();
                var day = random.Next(days / Workers) * Workers + worker;
                var filedAt = from.AddDays(day).AddMinutes(7 * 60 + random.Next(10 * 60));
                var procedure = HistoryGenerator.Procedures[random.Next(HistoryGenerator.Procedures.Count)];
                var history = generator.History(procedure, filedAt, until);
                var code = history[0].Code.ToString();
                DossierFacts? fact = null;
                for (var version = 1; version <= history.Count; version++)
                {
                    fact = DossierFacts.Fold(fact, code, history[version - 1], version, calendar);
                }

                for (var version = 1; version <= history.Count; version++)
                {
                    foreach (var contribution in DailyContribution.Of(history[version - 1], version, fact!, calendar))
                    {
                        if (contribution.Day < today)
                        {
                            daily.AddOrUpdate(contribution.DocumentId, id => DailyStatistics.Empty(id).Add(contribution), (_, d) => d.Add(contribution));
                        }
                        else
                        {
                            fromToday.Enqueue(contribution);
                        }
                    }
                }

                facts.Add(fact!);
                Interlocked.Add(ref events, history.Count);
                if (fact!.IsOpenAt(until))
                {
                    Interlocked.Increment(ref open);
                }

                Add(ref generateSeconds, clock.Elapsed.TotalSeconds);
                if (facts.Count == Chunk || i == mine - 1)
                {
                    clock.Restart();
                    await store.BulkInsertAsync(facts, BulkInsertMode.InsertsOnly, 5_000, ct);
                    Add(ref insertSeconds, clock.Elapsed.TotalSeconds);
                    progress.Status($"6 statistics: {Interlocked.Add(ref generated, facts.Count):N0}/{dossiers:N0} dossier histories generated and inserted");
                    facts.Clear();
                }
            }
        }, ct)));

        var insertDaily = Stopwatch.StartNew();
        await store.BulkInsertAsync(daily.Values.ToList(), BulkInsertMode.InsertsOnly, 5_000, ct);
        var dailyDocuments = daily.Count + await AddToStored(store, fromToday, ct);
        var vacuum = Stopwatch.StartNew();
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            // What autovacuum would have done by the time a province's data had accumulated; left to autovacuum, it
            // vacuums the millions of rows just inserted while the reads are being measured.
            await using var analyze = dataSource.CreateCommand(
                "vacuum (analyze) dossier.mt_events, dossier.mt_streams, dossier.mt_doc_dossierfacts, dossier.mt_doc_dailystatistics");
            analyze.CommandTimeout = 0;
            await analyze.ExecuteNonQueryAsync(ct);
        }

        progress.Note($"  6 statistics: the seeded tables vacuumed and analysed in {vacuum.Elapsed.TotalSeconds:0.0} s (not measured)");

        insertSeconds += insertDaily.Elapsed.TotalSeconds;
        progress.Note($"  6 statistics: {dossiers:N0} dossiers ({events:N0} events, {open:N0} open) and {dailyDocuments:N0} daily documents; "
            + $"generated in {generateSeconds / Workers:0.0} s, inserted in {insertSeconds / Workers:0.0} s");

        using var http = new HttpClient { BaseAddress = new Uri(apiBaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        using var tokenResponse = await http.PostAsJsonAsync("/api/v1/auth/dev-token", new { sub = "bench-province", role = "leader", agency = HistoryGenerator.Procedures[0].Agency }, ct);
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonObject>(ct))!["token"]!.GetValue<string>();
        var lastYear = today.Year - 1;
        var reads = new List<ReadLatency>();
        foreach (var (label, path) in new[]
                 {
                     ("report, current month", "/api/v1/statistics/report"),
                     ("indicators, current month", "/api/v1/statistics/indicators"),
                     ($"report, year {lastYear}", $"/api/v1/statistics/report?from={lastYear}-01-01&to={lastYear}-12-31"),
                     ($"indicators, year {lastYear}", $"/api/v1/statistics/indicators?from={lastYear}-01-01&to={lastYear}-12-31"),
                 })
        {
            var samples = new List<double>(requests);
            long bytes = 0;
            var series = Stopwatch.StartNew();
            for (var n = 0; n < requests + requests / 10; n++)
            {
                // a slow read is measured for half a minute, not for hundreds of requests
                if (series.Elapsed > MaxSeries && samples.Count >= MinSamples)
                {
                    break;
                }

                ct.ThrowIfCancellationRequested();
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var start = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
                var body = await response.Content.ReadAsByteArrayAsync(ct);
                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
                }

                // the first tenth warms up (JIT, plans, caches) and is not counted
                if (n >= requests / 10)
                {
                    samples.Add(ms);
                }

                bytes = body.Length;
                progress.Status($"6 statistics: {label} {n + 1}/{requests + requests / 10}");
            }

            var latency = LatencyStats.Of(samples);
            reads.Add(new ReadLatency(label, path, latency, bytes));
            progress.Note($"  6 {label,-30} p50 {latency.P50,7:0.0} ms  p95 {latency.P95,7:0.0} ms  max {latency.Max,7:0.0} ms");
        }

        progress.ClearStatus();
        return new StatisticsResult(dossiers, (int)events, dailyDocuments, (int)open, DateOnly.FromDateTime(from.DateTime), today,
            Math.Round(generateSeconds / Workers, 1), Math.Round(insertSeconds / Workers, 1), requests, reads);
    }

    private static async Task<int> AddToStored(IDocumentStore store, IEnumerable<DailyContribution> contributions, CancellationToken ct)
    {
        var byDocument = contributions.GroupBy(c => c.DocumentId, StringComparer.Ordinal).ToList();
        await using var session = store.LightweightSession();
        var stored = (await session.LoadManyAsync<DailyStatistics>(ct, byDocument.Select(g => g.Key))).ToDictionary(d => d.Id, StringComparer.Ordinal);
        foreach (var document in byDocument)
        {
            session.Store(document.Aggregate(stored.GetValueOrDefault(document.Key) ?? DailyStatistics.Empty(document.Key), (day, c) => day.Add(c)));
        }

        await session.SaveChangesAsync(ct);
        return byDocument.Count;
    }

    private static void Add(ref double total, double value)
    {
        double seen, sum;
        do
        {
            seen = Volatile.Read(ref total);
            sum = seen + value;
        }
        while (Interlocked.CompareExchange(ref total, sum, seen) != seen);
    }
}
