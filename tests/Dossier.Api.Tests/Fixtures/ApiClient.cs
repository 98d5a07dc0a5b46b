using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;

namespace Dossier.Api.Tests.Fixtures;

/// <summary>A client that speaks API.md: tokens per person and role, filing and acting, and a look at the store.</summary>
public sealed class ApiClient(ApiFactory factory)
{
    public const string Json = "application/json";
    public const string ProblemJson = "application/problem+json";

    private readonly HttpClient http = factory.CreateClient();

    public ApiFactory Factory => factory;

    public async Task<string> Token(string sub, string role, string? agency = null)
    {
        var response = await http.PostAsJsonAsync("/api/v1/auth/dev-token", new { sub, role, agency });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    public async Task<Person> Citizen(string idNumber) => new(idNumber, "citizen", null, await Token(idNumber, "citizen"));

    public async Task<Person> Staff(string sub, string role, string agency) => new(sub, role, agency, await Token(sub, role, agency));

    public Task<HttpResponseMessage> Send(HttpMethod method, string path, Person? as_ = null, object? body = null, long? ifMatch = null,
        IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (as_ is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", as_.Token);
        }

        if (body is not null)
        {
            request.Content = body as HttpContent ?? new StringContent(JsonSerializer.Serialize(body, JsonOptions), Encoding.UTF8, Json);
        }

        if (ifMatch is { } version)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return http.SendAsync(request);
    }

    public Task<HttpResponseMessage> Get(string path, Person? as_ = null) => Send(HttpMethod.Get, path, as_);

    public Task<HttpResponseMessage> Post(string path, Person? as_, object? body, long? ifMatch = null, IDictionary<string, string>? headers = null) =>
        Send(HttpMethod.Post, path, as_, body, ifMatch, headers);

    public async Task<JsonObject> Submit(Person citizen, string procedureCode, string? idempotencyKey = null, string? name = null)
    {
        var response = await Post("/api/v1/dossiers", citizen, FilingBody(procedureCode, citizen.Sub, name),
            headers: idempotencyKey is null ? null : new Dictionary<string, string> { ["Idempotency-Key"] = idempotencyKey });
        return await Expect(response, HttpStatusCode.Created);
    }

    public async Task<JsonObject> FileDirect(Person reception, string procedureCode, string channel = "inPerson")
    {
        var body = FilingBody(procedureCode, "001099012345", "Trần Thị B");
        body["channel"] = channel;
        return await Expect(await Post("/api/v1/dossiers/direct", reception, body), HttpStatusCode.Created);
    }

    public static JsonObject FilingBody(string procedureCode, string idNumber, string? name = null) => new()
    {
        ["procedureCode"] = procedureCode,
        ["applicant"] = new JsonObject { ["name"] = name ?? "Nguyễn Văn An", ["idNumber"] = idNumber, ["phone"] = "0912345678" },
        ["summary"] = "Hồ sơ thử nghiệm",
        ["documents"] = new JsonArray(new JsonObject { ["name"] = "Tờ khai", ["contentBase64"] = Convert.ToBase64String("tờ khai"u8.ToArray()) }),
    };

    /// <summary>Takes an action with the dossier's current version and expects it to succeed.</summary>
    public async Task<JsonObject> Act(Person who, JsonObject dossier, string action, object? body = null)
    {
        var response = await Post($"/api/v1/dossiers/{Code(dossier)}/{action}", who, body ?? new { }, Version(dossier));
        return await Expect(response, HttpStatusCode.OK);
    }

    public async Task<JsonObject> Dossier(Person who, string code) => await Expect(await Get($"/api/v1/dossiers/{code}", who), HttpStatusCode.OK);

    public static string Code(JsonObject dossier) => dossier["code"]!.GetValue<string>();

    public static long Version(JsonObject dossier) => dossier["version"]!.GetValue<long>();

    public static string Status(JsonObject dossier) => dossier["status"]!.GetValue<string>();

    public static IReadOnlyList<string> Permitted(JsonObject dossier) =>
        dossier["permittedActions"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();

    public static async Task<JsonObject> Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Asserts an RFC 9457 problem response and returns it.</summary>
    public static async Task<JsonObject> ExpectProblem(HttpResponseMessage response, HttpStatusCode status, string? type = null)
    {
        var problem = await Expect(response, status);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        if (type is not null)
        {
            Assert.Equal($"https://dossier.gov.vn/problems/{type}", problem["type"]!.GetValue<string>());
        }

        return problem;
    }

    public async Task<long> EventCount(string streamKey)
    {
        await using var session = factory.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(streamKey);
        return events.Count;
    }

    /// <summary>Events in the whole store, leaving out the tombstones Marten writes for sequence numbers a rolled-back append used.</summary>
    public async Task<long> TotalEvents()
    {
        await using var session = factory.Store.QuerySession();
        return await session.Events.QueryAllRawEvents().Where(e => e.EventTypeName != "tombstone").CountAsync();
    }

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

public sealed record Person(string Sub, string Role, string? Agency, string Token);
