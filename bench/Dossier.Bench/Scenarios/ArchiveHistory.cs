using System.Text.Json;
using Dossier.Api.Archive;
using Dossier.Api.Catalogue;
using Dossier.Domain.Access;
using Dossier.Domain.Audit;
using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;
using Dossier.Workflows.Definitions;
using Marten;

namespace Dossier.Bench.Scenarios;

/// <summary>
/// Scenario 4's archive: a year of dossiers over every shipped procedure, each event decided by the domain's decider,
/// sealed onto its stream's hash chain as the API seals it, serialized by the store's own serializer, and written by
/// the archive writer in the order the events happened (dossiers interleave as they would in a live store).
/// </summary>
public sealed class ArchiveHistory(ISerializer serializer, int seed)
{
    public static readonly DateTimeOffset Start = new(2025, 1, 2, 8, 0, 0, WorkingCalendar.VietnamOffset);

    private static readonly SubmittedDocument[] Documents =
    [
        new("Tờ khai.pdf", new string('a', 64)),
        new("Bản sao CCCD.pdf", new string('b', 64)),
    ];

    private readonly Random random = new(seed);
    private readonly WorkingCalendar calendar = WorkingCalendar.Vietnam();
    private readonly Dictionary<(string Unit, DateOnly Day), int> codes = [];
    private readonly IReadOnlyList<Procedure> procedures = ShippedCatalogue.Procedures().Select(d => d.ToProcedure(1)).Where(p => p.Steps.Count > 0).ToList();

    public long Refused { get; private set; }

    /// <summary><paramref name="dossiers"/> dossiers filed over a year from <see cref="Start"/>, written to <paramref name="folder"/>.</summary>
    public async Task<ArchiveManifest> Write(string folder, int dossiers, Action<long> progress, CancellationToken ct)
    {
        await using var writer = new ArchiveWriter(folder, 64L << 20);
        var pending = new PriorityQueue<Pending, (DateTimeOffset, long)>();
        var streams = new List<ArchivedStream>(dossiers);
        var interval = TimeSpan.FromDays(365).Ticks / Math.Max(1, dossiers);
        long sequence = 0, order = 0;
        for (var i = 0; i <= dossiers; i++)
        {
            var filedAt = Start.AddTicks(interval * i);
            while (pending.TryPeek(out _, out var next) && (i == dossiers || next.Item1 <= filedAt))
            {
                var dossier = pending.Dequeue();
                var e = dossier.Events[dossier.Next];
                dossier.Next++;
                var timestamp = e.At.AddMilliseconds(dossier.Next);
                writer.WriteEvent(Seal(dossier, e, ++sequence, timestamp, out var hash), hash);
                if (dossier.Next < dossier.Events.Count)
                {
                    pending.Enqueue(dossier, (dossier.Events[dossier.Next].At, order++));
                }
                else
                {
                    streams.Add(new ArchivedStream(dossier.Code, "dossier_summary", dossier.Events.Count, dossier.Events[0].At, timestamp));
                }

                if ((sequence & 0x3FFF) == 0)
                {
                    progress(sequence);
                    ct.ThrowIfCancellationRequested();
                }
            }

            if (i < dossiers)
            {
                var history = History(procedures[random.Next(procedures.Count)], filedAt);
                pending.Enqueue(new Pending(history[0].Code.ToString(), history), (history[0].At, order++));
            }
        }

        foreach (var stream in streams)
        {
            writer.WriteStream(stream);
        }

        foreach (var definition in ShippedCatalogue.Procedures())
        {
            var published = new PublishedProcedure(PublishedProcedure.IdOf(definition.Code, 1), definition.Code, 1, Start.AddDays(-30),
                DateTimeOffset.MinValue, "catalogue-seed", definition);
            writer.WriteDocument(ArchivedDocuments.All[0], published.Id, serializer.ToJson(published));
        }

        progress(sequence);
        return await writer.Complete(DateTimeOffset.UtcNow, sequence, ct);
    }

    private ArchivedEvent Seal(Pending dossier, IDossierEvent e, long sequence, DateTimeOffset timestamp, out string hash)
    {
        var version = dossier.Next;
        var type = DossierEventNames.NameOf(e);
        var data = serializer.ToJson(e);
        var role = e.By.Role.ToString().ToLowerInvariant();
        var correlation = $"bench-{sequence:x}";
        using (var parsed = JsonDocument.Parse(data))
        {
            hash = EventSeal.Hash(dossier.Head, new SealedEvent(dossier.Code, version, type, parsed.RootElement, e.By.PersonId, role, e.By.Agency, correlation, correlation));
        }

        dossier.Head = hash;
        var headers = JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            [EventSeal.Header] = hash,
            ["role"] = role,
            ["actor"] = e.By.PersonId,
            ["agency"] = e.By.Agency,
        }.Where(h => h.Value is not null).ToDictionary());
        return new ArchivedEvent(sequence, dossier.Code, version, Guid.CreateVersion7(timestamp), type, timestamp, correlation, correlation, headers, data);
    }

    /// <summary>
    /// One dossier's life, mostly the straight road to a rated result, with the detours a desk sees: withdrawals and
    /// refusals at the desk, supplements, fees, apologies, stops, refusals by the leader, unrated results.
    /// </summary>
    private List<IDossierEvent> History(Procedure procedure, DateTimeOffset filedAt)
    {
        var context = new DecisionContext(procedure, calendar);
        var agency = procedure.Agency;
        var citizen = new Actor($"0792{random.Next(100_000_000):D8}", Role.Citizen, null);
        var reception = new Actor($"mc-{agency}-{random.Next(3)}", Role.Reception, agency);
        var leader = new Actor($"ld-{agency}-{random.Next(2)}", Role.Leader, agency);
        var officer = new Actor($"cv-{agency}-{random.Next(5)}", Role.Officer, agency);
        var applicant = new Applicant("Nguyễn Văn An", citizen.PersonId, "0912345678");
        var events = new List<IDossierEvent>();
        var state = DossierState.Initial;
        var now = filedAt;

        bool Do(IDossierCommand command)
        {
            var decision = DossierDecider.Decide(state, command, context);
            if (decision.IsRejected)
            {
                Refused++;
                return false;
            }

            foreach (var e in decision.Events)
            {
                state = DossierState.Evolve(state, e);
                events.Add(e);
            }

            return true;
        }

        DateTimeOffset Later() => now = now.AddMinutes(random.Next(20, 60 * 30));

        bool Chance(double p) => random.NextDouble() < p;

        var day = DateOnly.FromDateTime(filedAt.ToOffset(WorkingCalendar.VietnamOffset).DateTime);
        var code = NextCode(agency, day);
        var online = Chance(0.6);
        if (online)
        {
            Do(new FileOnline(citizen, now, code, applicant, "Đề nghị giải quyết thủ tục", Documents));
            if (Chance(0.03))
            {
                Do(new Withdraw(citizen, Later(), "Nộp nhầm thủ tục"));
                return events;
            }

            if (Chance(0.03))
            {
                Do(new NotAccept(reception, Later(), "Hồ sơ không thuộc thẩm quyền"));
                return events;
            }

            if (Chance(0.06) && Do(new RequestSupplement(reception, Later(), "Thiếu giấy tờ", ["Bản sao CCCD"])))
            {
                Do(new ProvideSupplement(citizen, Later(), Documents));
            }

            Do(new Receive(reception, Later()));
        }
        else
        {
            Do(new FileDirect(reception, now, code, Chance(0.85) ? Channel.InPerson : Channel.Post, applicant, null, Documents));
        }

        if (procedure.Level == ServiceLevel.Level4 && Chance(0.6) && Do(new RequestPayment(reception, Later(), 50_000 + (10_000 * random.Next(10)))))
        {
            Do(new Pay(citizen, Later(), state.AmountDue ?? 0, $"VNPAY-{random.Next(10_000_000)}"));
        }

        for (var i = 0; i < procedure.Steps.Count && state.Status is DossierStatus.Received or DossierStatus.Processing; i++)
        {
            var step = procedure.Steps[i];
            var assignee = step.Role == Role.Leader ? leader : officer;
            Do(new Assign(i == 0 ? reception : leader, Later(), assignee.PersonId));
            if (Chance(0.02))
            {
                Do(new Withdraw(citizen, Later(), "Không còn nhu cầu"));
                break;
            }

            if (Chance(0.01))
            {
                Do(new Stop(leader, Later(), "Dừng theo yêu cầu của cơ quan có thẩm quyền"));
                break;
            }

            if (i == procedure.Steps.Count - 1)
            {
                if (Chance(0.04) && state.DueAt is { } due)
                {
                    Do(new IssueApology(leader, Later(), "Cần xác minh thêm", (due > now ? due : now).AddDays(3)));
                }

                Do(Chance(0.92) ? new Approve(assignee, Later()) : new Refuse(assignee, Later(), "Không đủ điều kiện theo quy định"));
                break;
            }

            if (Chance(0.07) && Do(new RequestSupplement(officer, Later(), "Bổ sung bản vẽ", ["Bản vẽ hiện trạng"])))
            {
                Do(new ProvideSupplement(citizen, Later(), Documents));
            }

            var forward = step.Outcomes.FirstOrDefault(o => procedure.IndexOf(o.GoTo) > i)?.Name;
            Do(new CompleteStep(assignee, Later(), "Đủ điều kiện, đề nghị chuyển bước tiếp theo", forward));
        }

        if (state.Status == DossierStatus.Decided)
        {
            var online4 = procedure.Level == ServiceLevel.Level4 && Chance(0.5);
            Do(new ReturnResult(reception, Later(), online4 ? ResultDelivery.Online : ResultDelivery.InPerson));
            if (Chance(0.7))
            {
                Do(new Rate(citizen, Later(), Chance(0.85) ? Rating.VerySatisfied : Chance(0.7) ? Rating.Satisfied : Rating.NotSatisfied));
            }
        }

        return events;
    }

    private DossierCode NextCode(string unit, DateOnly day)
    {
        var next = codes.GetValueOrDefault((unit, day)) + 1;
        codes[(unit, day)] = next;
        return DossierCode.Create(unit, day, next);
    }

    private sealed class Pending(string code, List<IDossierEvent> events)
    {
        public string Code => code;

        public List<IDossierEvent> Events => events;

        public int Next { get; set; }

        public string? Head { get; set; }
    }
}
