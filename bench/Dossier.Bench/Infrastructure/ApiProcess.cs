using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Dossier.Bench.Infrastructure;

/// <param name="HealthReadyMs">From Process.Start to the first 200 of GET /health/ready (database, schema and scheduler up).</param>
/// <param name="FirstAuthenticatedMs">From Process.Start to the first 200 of an authenticated GET /api/v1/dossiers, polled alongside the readiness probe.</param>
/// <param name="CpuMs">CPU time (user + system) the API process had used by its first authenticated answer: less noisy than wall time on a shared machine.</param>
public sealed record StartTiming(string Label, double HealthReadyMs, double FirstAuthenticatedMs, double CpuMs, long RssAfterStartKib);

/// <summary>
/// The API as a separate process: the Release build, real Kestrel on 127.0.0.1 and a free port,
/// production environment with development tokens and the demo catalogue.
/// </summary>
public sealed class ApiProcess
{
    /// <summary>Production refuses to start without a key to sign audit checkpoints with; one per bench run.</summary>
    private static readonly string AuditSigningKey = Dossier.Domain.Audit.CheckpointKey.Generate().PrivateKeyPem();

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private int stopped;
    private long sampledPeakRssKib;
    private volatile bool sampling;

    private ApiProcess(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string BaseUrl { get; }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    public string RecentOutput => string.Join('\n', output);

    /// <summary>Largest VmRSS seen by the sampler while sampling was on (KiB).</summary>
    public long SampledPeakRssKib => Interlocked.Read(ref sampledPeakRssKib);

    public static async Task<(ApiProcess Api, StartTiming Timing)> Start(Repository repository, string connectionString, string label,
        IReadOnlyDictionary<string, string> extraEnvironment, CancellationToken ct)
    {
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var useAppHost = File.Exists(repository.ApiAppHost);
        var info = new ProcessStartInfo(useAppHost ? repository.ApiAppHost : "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repository.ApiOutput,
        };
        if (!useAppHost)
        {
            info.ArgumentList.Add(repository.ApiDll);
        }

        info.Environment["ConnectionStrings__Dossier"] = connectionString;
        info.Environment["Auth__DevTokens"] = "true";
        info.Environment["Catalogue__LoadDemo"] = "true";
        info.Environment["ASPNETCORE_URLS"] = baseUrl;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Audit__SigningKey"] = AuditSigningKey;
        info.Environment.Remove("DOTNET_ENVIRONMENT");
        foreach (var (name, value) in extraEnvironment)
        {
            info.Environment[name] = value;
        }

        using var probe = new HttpClient(new SocketsHttpHandler { UseCookies = false, PooledConnectionLifetime = TimeSpan.FromSeconds(1) })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(2),
        };

        var clock = Stopwatch.StartNew();
        var started = Process.Start(info) ?? throw new InvalidOperationException("Could not start the API process.");
        var api = new ApiProcess(started, baseUrl);
        _ = api.SampleMemory();
        try
        {
            // Polled side by side from the start, so neither figure includes the other's wait.
            var firstAuthenticated = Task.Run(async () =>
            {
                var ms = await api.WaitFor(clock, () => AuthenticatedRequestSucceeds(probe, ct), ct);
                return (Ms: ms, CpuSeconds: ProcStats.CpuSeconds(api.Pid) ?? 0);
            }, ct);
            var healthReady = api.WaitFor(clock, async () =>
            {
                using var response = await probe.GetAsync("/health/ready", ct);
                return response.StatusCode == HttpStatusCode.OK;
            }, ct);
            await Task.WhenAll(firstAuthenticated, healthReady);

            var (authenticatedMs, cpu) = await firstAuthenticated;
            var rss = ProcStats.Memory(api.Pid)?.Rss ?? 0;
            return (api, new StartTiming(label, await healthReady, authenticatedMs, Math.Round(cpu * 1000), rss));
        }
        catch
        {
            api.Stop();
            throw;
        }
    }

    /// <summary>Turns the 100 ms VmRSS sampler's peak tracking on (it resets the peak) or off.</summary>
    public void Sampling(bool on)
    {
        if (on)
        {
            Interlocked.Exchange(ref sampledPeakRssKib, 0);
        }

        sampling = on;
    }

    public (long Rss, long Hwm)? Memory() => ProcStats.Memory(Pid);

    /// <summary>SIGTERM, then SIGKILL after 10 s; safe to call more than once and from any thread.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        try
        {
            if (process.HasExited)
            {
                return;
            }

            Shell.RunQuietly("kill", "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!process.WaitForExit(10_000))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static async Task<bool> AuthenticatedRequestSucceeds(HttpClient probe, CancellationToken ct)
    {
        using var tokenResponse = await probe.PostAsJsonAsync("/api/v1/auth/dev-token",
            new { sub = "bench-probe", role = "reception", agency = "000.01.21.H08" }, ct);
        if (tokenResponse.StatusCode != HttpStatusCode.OK)
        {
            return false;
        }

        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonObject>(ct))!["token"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/dossiers?pageSize=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await probe.SendAsync(request, ct);
        return response.StatusCode == HttpStatusCode.OK;
    }

    private async Task<double> WaitFor(Stopwatch clock, Func<Task<bool>> attempt, CancellationToken ct)
    {
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The API process exited with code {process.ExitCode}:\n{RecentOutput}");
            }

            try
            {
                if (await attempt())
                {
                    return clock.Elapsed.TotalMilliseconds;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            await Task.Delay(10, ct); // polling for readiness: 10 ms keeps the start-time figure precise
        }

        throw new TimeoutException($"The API did not answer within 120 s:\n{RecentOutput}");
    }

    private async Task SampleMemory()
    {
        while (!process.HasExited && Volatile.Read(ref stopped) == 0)
        {
            if (sampling && ProcStats.Memory(Pid) is { } memory)
            {
                var peak = Interlocked.Read(ref sampledPeakRssKib);
                while (memory.Rss > peak && Interlocked.CompareExchange(ref sampledPeakRssKib, memory.Rss, peak) != peak)
                {
                    peak = Interlocked.Read(ref sampledPeakRssKib);
                }
            }

            await Task.Delay(100); // the RSS sampling interval; VmHWM catches any peak between samples
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 200 && output.TryDequeue(out _))
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
