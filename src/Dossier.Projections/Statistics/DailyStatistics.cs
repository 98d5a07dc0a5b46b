using System.Globalization;
using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Marten.Schema;
using NpgsqlTypes;

namespace Dossier.Projections.Statistics;

/// <summary>Counts of ratings: overall or for one criterion.</summary>
public sealed record RatingTally(int VerySatisfied = 0, int Satisfied = 0, int NotSatisfied = 0)
{
    public static readonly RatingTally Empty = new();

    public int Total => VerySatisfied + Satisfied + NotSatisfied;

    public RatingTally Add(Rating rating) => rating switch
    {
        Rating.VerySatisfied => this with { VerySatisfied = VerySatisfied + 1 },
        Rating.Satisfied => this with { Satisfied = Satisfied + 1 },
        Rating.NotSatisfied => this with { NotSatisfied = NotSatisfied + 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(rating), rating, null),
    };

    public RatingTally Plus(RatingTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(VerySatisfied + other.VerySatisfied, Satisfied + other.Satisfied, NotSatisfied + other.NotSatisfied);
    }
}

/// <summary>A change of the number of dossiers in progress past their deadline, at the instant it happened.</summary>
public sealed record OverdueChange(DateTimeOffset At, int Delta);

/// <summary>
/// What happened on one local (UTC+7) day to the dossiers of one procedure of one unit: the volume series behind the
/// report, the satisfaction aggregates, and the changes of the running balances (in progress, overdue) from which the
/// report reads "carried over", "in progress" and "overdue" at any instant. Identity <c>unit|procedure|yyyy-MM-dd</c>.
/// </summary>
public sealed record DailyStatistics
{
    public required string Id { get; init; }

    public required string Unit { get; init; }

    public required string ProcedureCode { get; init; }

    public DateOnly Day { get; init; }

    /// <summary>Filed online (status 1), received or not.</summary>
    public int SubmittedOnline { get; init; }

    public int ReceivedOnline { get; init; }

    public int ReceivedInPerson { get; init; }

    public int ReceivedByPost { get; init; }

    public int Approved { get; init; }

    public int Refused { get; init; }

    public int ResolvedBeforeDeadline { get; init; }

    public int ResolvedOnTime { get; init; }

    public int ResolvedLate { get; init; }

    /// <summary>Resolved dossiers that had been submitted online.</summary>
    public int ResolvedOnline { get; init; }

    /// <summary>Sum of the working days from receipt to decision of the dossiers resolved that day.</summary>
    public int ProcessingWorkingDays { get; init; }

    /// <summary>The procedure's name as the dossiers resolved that day were filed under (the greatest, should versions differ).</summary>
    public string? ResolvedProcedureName { get; init; }

    public int ResultsReturned { get; init; }

    public int Withdrawn { get; init; }

    public int NotAccepted { get; init; }

    public int Stopped { get; init; }

    /// <summary>
    /// Received dossiers that stopped being in progress that day: decided, stopped, or withdrawn after receipt. With the
    /// receipts, the running balance of the dossiers in progress.
    /// </summary>
    public int LeftInProgress { get; init; }

    /// <summary>The net change that day of the dossiers in progress past their legal deadline: the sum of <see cref="OverdueChanges"/>.</summary>
    public int OverdueChange { get; init; }

    /// <summary>
    /// The changes behind <see cref="OverdueChange"/>, net per instant, in order: the day that holds "now" is counted up
    /// to now, not whole. A span that starts at a due time yet to come is counted on the due day.
    /// </summary>
    public IReadOnlyList<OverdueChange> OverdueChanges { get; init; } = [];

    /// <summary>Of the dossiers resolved that day, those rated "not satisfied" (on whatever day they were rated).</summary>
    public int ResolvedRatedNotSatisfied { get; init; }

    /// <summary>The days on which the ratings counted in <see cref="ResolvedRatedNotSatisfied"/> were given, in order.</summary>
    public IReadOnlyList<DateOnly> NotSatisfiedRatingDays { get; init; } = [];

    /// <summary>The last of <see cref="NotSatisfiedRatingDays"/>: only a period ending before it needs to read the list.</summary>
    public DateOnly? LastNotSatisfiedRatingDay { get; init; }

    public int ApologiesIssued { get; init; }

    public RatingTally Ratings { get; init; } = RatingTally.Empty;

    public RatingTally OnTimeRatings { get; init; } = RatingTally.Empty;

    public RatingTally StaffAttitudeRatings { get; init; } = RatingTally.Empty;

    public RatingTally NumberOfVisitsRatings { get; init; } = RatingTally.Empty;

    public RatingTally OnlineServiceQualityRatings { get; init; } = RatingTally.Empty;

    public int Resolved => Approved + Refused;

    public int Received => ReceivedOnline + ReceivedInPerson + ReceivedByPost;

    /// <summary>Ratings given that day, overall (also a column the report sums).</summary>
    public int RatingsGiven => Ratings.Total;

    /// <summary>Of <see cref="RatingsGiven"/>, "very satisfied" or "satisfied".</summary>
    public int RatingsSatisfied => Ratings.VerySatisfied + Ratings.Satisfied;

    /// <summary>
    /// Marten's hook for the document type: the columns the report sums, duplicated without an index (the report reads
    /// them for ranges of days selected by the indexed unit and day).
    /// </summary>
    public static void ConfigureMarten(DocumentMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        foreach (var counter in new[]
                 {
                     nameof(ReceivedOnline), nameof(ReceivedInPerson), nameof(ReceivedByPost), nameof(ResolvedBeforeDeadline),
                     nameof(ResolvedOnTime), nameof(ResolvedLate), nameof(ResolvedOnline), nameof(ProcessingWorkingDays),
                     nameof(Withdrawn), nameof(NotAccepted), nameof(Stopped), nameof(LeftInProgress), nameof(OverdueChange),
                     nameof(ResolvedRatedNotSatisfied), nameof(RatingsGiven), nameof(RatingsSatisfied),
                 })
        {
            mapping.DuplicateField(counter, "integer").DbType = NpgsqlDbType.Integer;
        }

        mapping.DuplicateField(nameof(ResolvedProcedureName), "varchar");
        mapping.DuplicateField(nameof(LastNotSatisfiedRatingDay), "date").DbType = NpgsqlDbType.Date;
    }

    public static string IdOf(string unit, string procedureCode, DateOnly day) =>
        $"{unit}|{procedureCode}|{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public static DailyStatistics Empty(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var parts = id.Split('|');
        if (parts.Length != 3)
        {
            throw new ArgumentException($"'{id}' is not unit|procedure|yyyy-MM-dd.", nameof(id));
        }

        return new DailyStatistics
        {
            Id = id,
            Unit = parts[0],
            ProcedureCode = parts[1],
            Day = DateOnly.ParseExact(parts[2], "yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    public DailyStatistics Add(DailyContribution c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Kind switch
        {
            ContributionKind.SubmittedOnline => this with { SubmittedOnline = SubmittedOnline + 1 },
            ContributionKind.Received => c.Channel switch
            {
                Channel.Online => this with { ReceivedOnline = ReceivedOnline + 1 },
                Channel.Post => this with { ReceivedByPost = ReceivedByPost + 1 },
                _ => this with { ReceivedInPerson = ReceivedInPerson + 1 },
            },
            ContributionKind.Resolved => Resolve(c),
            ContributionKind.ResultReturned => this with { ResultsReturned = ResultsReturned + 1 },
            ContributionKind.Withdrawn => this with
            {
                Withdrawn = Withdrawn + 1,
                LeftInProgress = LeftInProgress + (c.AfterReceipt ? 1 : 0),
            },
            ContributionKind.NotAccepted => this with { NotAccepted = NotAccepted + 1 },
            ContributionKind.Stopped => this with { Stopped = Stopped + 1, LeftInProgress = LeftInProgress + 1 },
            ContributionKind.ApologyIssued => this with { ApologiesIssued = ApologiesIssued + 1 },
            ContributionKind.Rated => Rate(c),
            ContributionKind.ResolutionRatedNotSatisfied => RatedNotSatisfied(c),
            ContributionKind.Overdue => Overdue(c),
            _ => throw new ArgumentOutOfRangeException(nameof(c), c.Kind, null),
        };
    }

    private DailyStatistics Resolve(DailyContribution c)
    {
        var next = this with
        {
            Approved = Approved + (c.Outcome == DossierOutcome.Approved ? 1 : 0),
            Refused = Refused + (c.Outcome == DossierOutcome.Refused ? 1 : 0),
            ResolvedOnline = ResolvedOnline + (c.Channel == Channel.Online ? 1 : 0),
            ProcessingWorkingDays = ProcessingWorkingDays + (c.WorkingDays ?? 0),
            ResolvedProcedureName = string.CompareOrdinal(c.ProcedureName, ResolvedProcedureName) > 0 ? c.ProcedureName : ResolvedProcedureName,
            LeftInProgress = LeftInProgress + 1,
        };
        return c.Timing switch
        {
            ResolutionTiming.BeforeDeadline => next with { ResolvedBeforeDeadline = ResolvedBeforeDeadline + 1 },
            ResolutionTiming.OnTime => next with { ResolvedOnTime = ResolvedOnTime + 1 },
            ResolutionTiming.Late => next with { ResolvedLate = ResolvedLate + 1 },
            _ => throw new ArgumentException("A resolution needs its timing.", nameof(c)),
        };
    }

    private DailyStatistics Rate(DailyContribution c)
    {
        var rating = c.Rating ?? throw new ArgumentException("A rating contribution needs the rating.", nameof(c));
        var next = this with { Ratings = Ratings.Add(rating) };
        foreach (var (criterion, value) in c.Criteria ?? new Dictionary<RatingCriterion, Rating>())
        {
            next = criterion switch
            {
                RatingCriterion.OnTime => next with { OnTimeRatings = next.OnTimeRatings.Add(value) },
                RatingCriterion.StaffAttitude => next with { StaffAttitudeRatings = next.StaffAttitudeRatings.Add(value) },
                RatingCriterion.NumberOfVisits => next with { NumberOfVisitsRatings = next.NumberOfVisitsRatings.Add(value) },
                RatingCriterion.OnlineServiceQuality => next with { OnlineServiceQualityRatings = next.OnlineServiceQualityRatings.Add(value) },
                _ => throw new ArgumentOutOfRangeException(nameof(c), criterion, null),
            };
        }

        return next;
    }

    private DailyStatistics RatedNotSatisfied(DailyContribution c)
    {
        var ratedOn = c.RatedOn ?? throw new ArgumentException("A rating of a resolution needs the day it was given.", nameof(c));
        var days = NotSatisfiedRatingDays.Append(ratedOn).Order().ToList();
        return this with
        {
            ResolvedRatedNotSatisfied = ResolvedRatedNotSatisfied + 1,
            NotSatisfiedRatingDays = days,
            LastNotSatisfiedRatingDay = days[^1],
        };
    }

    private DailyStatistics Overdue(DailyContribution c)
    {
        var change = c.OverdueChange ?? throw new ArgumentException("An overdue contribution needs its change.", nameof(c));
        // One net change per instant, in order, none that cancel out: the list reads the same however the events were
        // batched, and stays short although every receipt counts its due time here until the decision takes it back.
        var net = OverdueChanges.Where(o => o.At == change.At).Sum(o => o.Delta) + change.Delta;
        var changes = OverdueChanges.Where(o => o.At != change.At).ToList();
        if (net != 0)
        {
            changes.Add(change with { Delta = net });
        }

        return this with { OverdueChange = OverdueChange + change.Delta, OverdueChanges = changes.OrderBy(o => o.At).ToList() };
    }
}

public enum ContributionKind
{
    SubmittedOnline,
    Received,
    Resolved,
    ResultReturned,
    Withdrawn,
    NotAccepted,
    Stopped,
    ApologyIssued,
    Rated,

    /// <summary>A "not satisfied" rating, counted on the day the dossier was resolved.</summary>
    ResolutionRatedNotSatisfied,

    /// <summary>An overdue span starting or ending, counted on the day of its instant.</summary>
    Overdue,
}

/// <summary>
/// What one dossier event adds to one day, classified with what the dossier knew: its unit, procedure, channel and
/// legal deadline. The day is usually the event's own; a rating of a resolution counts on the resolution's day, and an
/// overdue span on the day it starts or ends.
/// </summary>
public sealed record DailyContribution(
    string Unit,
    string ProcedureCode,
    DateOnly Day,
    ContributionKind Kind,
    Channel Channel,
    DossierOutcome? Outcome = null,
    ResolutionTiming? Timing = null,
    int? WorkingDays = null,
    Rating? Rating = null,
    IReadOnlyDictionary<RatingCriterion, Rating>? Criteria = null,
    string? ProcedureName = null,
    bool AfterReceipt = false,
    DateOnly? RatedOn = null,
    OverdueChange? OverdueChange = null)
{
    public string DocumentId => DailyStatistics.IdOf(Unit, ProcedureCode, Day);

    /// <summary>
    /// What <paramref name="event"/>, at <paramref name="version"/> of its stream, adds to the daily documents.
    /// <paramref name="dossier"/> is the dossier's facts at that version or later: the unit, procedure, channel, receipt
    /// time and — once the dossier is decided — the legal deadline never change afterwards, and the overdue spans name
    /// the versions that opened and closed them, so a later state classifies an earlier event exactly.
    /// </summary>
    public static IEnumerable<DailyContribution> Of(IDossierEvent @event, long version, DossierFacts dossier, IWorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(dossier);
        ArgumentNullException.ThrowIfNull(calendar);
        if (!DossierFacts.Concerns(@event.GetType()))
        {
            yield break;
        }

        if (dossier.Version < version)
        {
            throw new InvalidOperationException(
                $"Dossier {dossier.Id}: facts at version {dossier.Version} cannot classify the event at version {version}.");
        }

        var day = DossierFacts.LocalDate(@event.At);
        DailyContribution Make(ContributionKind kind, DateOnly? on = null) =>
            new(dossier.Unit, dossier.ProcedureCode, on ?? day, kind, dossier.Channel);

        switch (@event)
        {
            case DossierFiled { Channel: Channel.Online }:
                yield return Make(ContributionKind.SubmittedOnline);
                break;
            case DossierReceived:
                yield return Make(ContributionKind.Received);
                break;
            case DossierApproved or DossierRefused:
                var receivedAt = dossier.ReceivedAt
                    ?? throw new InvalidOperationException($"Dossier {@event.Code} was decided without having been received.");
                var originalDueAt = dossier.OriginalDueAt
                    ?? throw new InvalidOperationException($"Dossier {@event.Code} was decided without a deadline.");
                yield return Make(ContributionKind.Resolved) with
                {
                    Outcome = @event is DossierApproved ? DossierOutcome.Approved : DossierOutcome.Refused,
                    Timing = DossierFacts.TimingOf(@event.At, originalDueAt),
                    WorkingDays = calendar.WorkingDaysBetween(receivedAt, @event.At),
                    ProcedureName = dossier.ProcedureName,
                };
                break;
            case ResultReturned:
                yield return Make(ContributionKind.ResultReturned);
                break;
            case DossierWithdrawn:
                // A withdrawal ends the dossier, so a receipt in the later facts came before it.
                yield return Make(ContributionKind.Withdrawn) with { AfterReceipt = dossier.ReceivedAt is not null };
                break;
            case DossierNotAccepted:
                yield return Make(ContributionKind.NotAccepted);
                break;
            case ProcessingStopped:
                yield return Make(ContributionKind.Stopped);
                break;
            case ApologyIssued:
                yield return Make(ContributionKind.ApologyIssued);
                break;
            case DossierRated e:
                yield return Make(ContributionKind.Rated) with { Rating = e.Rating, Criteria = e.Criteria };
                if (e.Rating == Domain.Dossiers.Rating.NotSatisfied && dossier.ResolvedAt is { } resolvedAt)
                {
                    yield return Make(ContributionKind.ResolutionRatedNotSatisfied, DossierFacts.LocalDate(resolvedAt)) with { RatedOn = day };
                }

                break;
        }

        foreach (var span in dossier.OverdueSpans)
        {
            if (span.StartedBy == version)
            {
                yield return Make(ContributionKind.Overdue, DossierFacts.LocalDate(span.From)) with { OverdueChange = new OverdueChange(span.From, 1) };
            }

            if (span.EndedBy == version && span.Until is { } until)
            {
                yield return Make(ContributionKind.Overdue, DossierFacts.LocalDate(until)) with { OverdueChange = new OverdueChange(until, -1) };
            }
        }
    }
}

/// <summary>
/// Daily counts per unit × procedure × day, on Marten's async daemon. The events of a batch are classified with their
/// dossiers' facts (one query per batch): the events themselves do not name the unit, the timing of a decision needs
/// the deadline, and the overdue spans need the deadline history. The facts are another shard of the daemon and may
/// not have reached the batch yet; the events they lack are read and folded here with the facts' own fold.
/// </summary>
public sealed class DailyStatisticsProjection : MultiStreamProjection<DailyStatistics, string>
{
    public const string ProjectionName = "daily-statistics";

    /// <summary>The calendar decisions are timed with; the stream-by-stream rebuild classifies with the same one.</summary>
    public IWorkingCalendar Calendar { get; }

    public DailyStatisticsProjection(IWorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        Calendar = calendar;
        Name = ProjectionName;
        Rebuilding.ProjectionPaging.Apply(Options);
        CustomGrouping(async (session, events, grouping) =>
        {
            var dossierEvents = events.Where(e => e.Data is IDossierEvent && DossierFacts.Concerns(e.EventType)).ToList();
            if (dossierEvents.Count == 0)
            {
                return;
            }

            var facts = await FactsAtOrAfter(session, dossierEvents, calendar);
            foreach (var e in dossierEvents)
            {
                var contributions = DailyContribution.Of((IDossierEvent)e.Data, e.Version, facts[e.StreamKey!], calendar);
                foreach (var forDocument in contributions.GroupBy(c => c.DocumentId, StringComparer.Ordinal))
                {
                    grouping.AddEvent(forDocument.Key, Carrying(e, forDocument.ToArray()));
                }
            }
        });
    }

    public override DailyStatistics? Evolve(DailyStatistics? snapshot, string id, IEvent e) =>
        e.Data is DailyContribution[] contributions
            ? contributions.Aggregate(snapshot ?? DailyStatistics.Empty(id), (day, c) => day.Add(c))
            : snapshot;

    /// <summary>The facts of each dossier of the batch at its last event in the batch or later.</summary>
    private static async Task<Dictionary<string, DossierFacts>> FactsAtOrAfter(IQuerySession session, IReadOnlyList<IEvent> events, IWorkingCalendar calendar)
    {
        var needed = events.GroupBy(e => e.StreamKey!).ToDictionary(g => g.Key, g => g.Max(e => e.Version), StringComparer.Ordinal);
        var facts = (await session.LoadManyAsync<DossierFacts>(needed.Keys)).ToDictionary(f => f.Id, StringComparer.Ordinal);
        var behind = needed.Where(n => !facts.TryGetValue(n.Key, out var f) || f.Version < n.Value).Select(n => n.Key).ToArray();
        if (behind.Length == 0)
        {
            return facts;
        }

        var known = behind.Min(key => facts.TryGetValue(key, out var f) ? f.Version : 0);
        var missing = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamKey!.IsOneOf(behind) && e.Version > known)
            .OrderBy(e => e.Sequence)
            .ToListAsync();
        foreach (var e in missing)
        {
            var key = e.StreamKey!;
            var current = facts.GetValueOrDefault(key);
            if (e.Data is IDossierEvent dossierEvent && e.Version > (current?.Version ?? 0))
            {
                facts[key] = DossierFacts.Fold(current, key, dossierEvent, e.Version, calendar);
            }
        }

        return facts;
    }

    /// <summary>The original event's place in the store, carrying what it adds to one daily document.</summary>
    private static Event<DailyContribution[]> Carrying(IEvent e, DailyContribution[] contributions) => new(contributions)
    {
        Id = e.Id,
        Sequence = e.Sequence,
        Version = e.Version,
        Timestamp = e.Timestamp,
        StreamId = e.StreamId,
        StreamKey = e.StreamKey,
        TenantId = e.TenantId,
        EventTypeName = e.EventTypeName,
        DotNetTypeName = e.DotNetTypeName,
    };
}
