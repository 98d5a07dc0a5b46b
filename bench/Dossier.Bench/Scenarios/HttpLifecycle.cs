using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dossier.Bench.Load;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;

namespace Dossier.Bench.Scenarios;

/// <summary>
/// Scenario 1: clients drive whole dossiers through the API over real HTTP, each command with the
/// token of the person who would take it and the ETag of the last response, as the UI would.
/// </summary>
public sealed class HttpLifecycle : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private static readonly string Document = Convert.ToBase64String(Encoding.UTF8.GetBytes("Tờ khai (bản điện tử) — " + new string('x', 600)));

    private readonly HttpClient http;
    private readonly IReadOnlyList<BenchProcedure> procedures;
    private readonly string[] citizenTokens;
    private readonly Dictionary<(Who, string), string> staffTokens;
    private readonly string runId = Guid.NewGuid().ToString("N")[..8];
    private long submissions;

    private HttpLifecycle(HttpClient http, IReadOnlyList<BenchProcedure> procedures, string[] citizenTokens, Dictionary<(Who, string), string> staffTokens)
    {
        this.http = http;
        this.procedures = procedures;
        this.citizenTokens = citizenTokens;
        this.staffTokens = staffTokens;
    }

    public static async Task<HttpLifecycle> Create(string baseUrl, IReadOnlyList<BenchProcedure> procedures, int workers)
    {
        var http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = int.MaxValue,
        })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(60),
        };

        foreach (var procedure in procedures)
        {
            using var response = await http.GetAsync($"/api/v1/procedures/{procedure.Code}");
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The API's catalogue has no procedure {procedure.Code} ({(int)response.StatusCode}).");
            }
        }

        var citizens = new string[workers];
        for (var i = 0; i < workers; i++)
        {
            citizens[i] = await Token(http, LifecyclePolicy.Citizen(i), "citizen", null);
        }

        var staff = new Dictionary<(Who, string), string>();
        foreach (var agency in procedures.Select(p => p.Agency).Distinct())
        {
            foreach (var who in new[] { Who.Reception, Who.Officer, Who.Leader })
            {
                staff[(who, agency)] = await Token(http, LifecyclePolicy.PersonOf(who, 0), who.ToString().ToLowerInvariant(), agency);
            }
        }

        return new HttpLifecycle(http, procedures, citizens, staff);
    }

    /// <summary>Dossiers one after another, alternating the procedures, until the run stops.</summary>
    public async Task Worker(int worker, LoadRun run)
    {
        for (long n = 0; !run.Stopping; n++)
        {
            await Dossier(worker, procedures[(int)((worker + n) % procedures.Count)], run);
        }
    }

    /// <summary>Exactly <paramref name="count"/> dossiers from worker 0 (the statement probe).</summary>
    public async Task Dossiers(int count, LoadRun run)
    {
        for (var n = 0; n < count; n++)
        {
            await Dossier(0, procedures[n % procedures.Count], run);
        }
    }

    public void Dispose() => http.Dispose();

    private async Task Dossier(int worker, BenchProcedure procedure, LoadRun run)
    {
        var submit = SubmitBody(procedure, worker);
        var view = await Send(worker, run, LifecyclePolicy.Submit, HttpMethod.Post, "/api/v1/dossiers", citizenTokens[worker], submit, null,
            $"bench-{runId}-{Interlocked.Increment(ref submissions)}", 0);
        var paid = false;
        var last = Who.Citizen;
        while (view is not null && !run.Stopping)
        {
            var next = LifecyclePolicy.Next(view, procedure, paid);
            if (next is null)
            {
                run.Complete(worker);
                return;
            }

            if (next.Who == last && !view.Permitted.Contains(next.Action.Name()))
            {
                run.Error($"{view.Code}: the driver wants {next.Action.Name()} but the API permits [{string.Join(", ", view.Permitted)}]");
                return;
            }

            var token = next.Who == Who.Citizen ? citizenTokens[worker] : staffTokens[(next.Who, procedure.Agency)];
            view = await Send(worker, run, next.Action.Name(), HttpMethod.Post, $"/api/v1/dossiers/{view.Code}/{next.Action.Name()}", token,
                ActionBody(next), view.Version, null, view.Version);
            paid |= next.Action == DossierAction.Pay;
            last = next.Who;
        }
    }

    private async Task<ViewInfo?> Send(int worker, LoadRun run, string kind, HttpMethod method, string path, string token, byte[] body,
        long? ifMatch, string? idempotencyKey, long versionBefore)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (ifMatch is { } version)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = Json;

        var start = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            run.Error($"{kind} {path}: {(int)response.StatusCode} {Encoding.UTF8.GetString(bytes)}");
            return null;
        }

        var view = Parse(bytes);
        run.Record(worker, kind, start, (int)(view.Version - versionBefore));
        return view;
    }

    private static ViewInfo Parse(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        string? stepId = null, assignee = null;
        if (root.TryGetProperty("currentStep", out var step) && step.ValueKind == JsonValueKind.Object)
        {
            stepId = step.GetProperty("id").GetString();
            assignee = step.TryGetProperty("assignee", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        }

        return new ViewInfo(
            root.GetProperty("code").GetString()!,
            root.GetProperty("status").GetString()!,
            root.GetProperty("version").GetInt64(),
            stepId,
            assignee,
            root.TryGetProperty("amountDue", out var due) && due.ValueKind == JsonValueKind.Number ? due.GetInt64() : null,
            root.GetProperty("permittedActions").EnumerateArray().Select(e => e.GetString()!).ToArray(),
            root.TryGetProperty("rating", out var rating) && rating.ValueKind == JsonValueKind.String ? rating.GetString() : null);
    }

    private static byte[] SubmitBody(BenchProcedure procedure, int worker) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        procedureCode = procedure.Code,
        applicant = new { name = "Nguyễn Văn An", idNumber = LifecyclePolicy.Citizen(worker), phone = "0912345678" },
        summary = "Hồ sơ đo hiệu năng",
        documents = new[] { new { name = "Tờ khai", contentBase64 = Document } },
    });

    private static byte[] ActionBody(NextCommand next)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (next.Assignee is not null)
            {
                json.WriteString("assignee", next.Assignee);
            }

            if (next.Action == DossierAction.CompleteStep)
            {
                json.WriteString("opinion", NextCommand.Opinion);
                if (next.Outcome is not null)
                {
                    json.WriteString("outcome", next.Outcome);
                }
            }

            if (next.Amount is { } amount)
            {
                json.WriteNumber("amount", amount);
            }

            if (next.Action == DossierAction.Pay)
            {
                json.WriteString("reference", NextCommand.PaymentReference);
            }

            if (next.Method is { } method)
            {
                json.WriteString("method", method == ResultDelivery.InPerson ? "inPerson" : method == ResultDelivery.Online ? "online" : "post");
            }

            if (next.Action == DossierAction.Rate)
            {
                json.WriteString("rating", "verySatisfied");
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static async Task<string> Token(HttpClient http, string sub, string role, string? agency)
    {
        using var response = await http.PostAsync("/api/v1/auth/dev-token",
            new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new { sub, role, agency })) { Headers = { ContentType = Json } });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"dev-token for {sub}/{role}: {(int)response.StatusCode} {text}");
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("token").GetString()!;
    }
}
