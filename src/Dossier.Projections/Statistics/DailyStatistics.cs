using System.Globalization;
using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Projections.Dossiers;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

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

/// <summary>
/// What happened on one local (UTC+7) day to the dossiers of one procedure of one unit: the volume series behind the
/// report, and the satisfaction aggregates. Identity <c>unit|procedure|yyyy-MM-dd</c>.
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

    public int ResultsReturned { get; init; }

    public int Withdrawn { get; init; }

    public int NotAccepted { get; init; }

    public int Stopped { get; init; }

    public int ApologiesIssued { get; init; }

    public RatingTally Ratings { get; init; } = RatingTally.Empty;

    public RatingTally OnTimeRatings { get; init; } = RatingTally.Empty;

    public RatingTally StaffAttitudeRatings { get; init; } = RatingTally.Empty;

    public RatingTally NumberOfVisitsRatings { get; init; } = RatingTally.Empty;

    public RatingTally OnlineServiceQualityRatings { get; init; } = RatingTally.Empty;

    public int Resolved => Approved + Refused;

    public int Received => ReceivedOnline + ReceivedInPerson + ReceivedByPost;

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
            ContributionKind.Withdrawn => this with { Withdrawn = Withdrawn + 1 },
            ContributionKind.NotAccepted => this with { NotAccepted = NotAccepted + 1 },
            ContributionKind.Stopped => this with { Stopped = Stopped + 1 },
            ContributionKind.ApologyIssued => this with { ApologiesIssued = ApologiesIssued + 1 },
            ContributionKind.Rated => Rate(c),
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
}

/// <summary>
/// What one dossier event adds to the day it happened on, classified with what the dossier knew: its unit, procedure,
/// channel and legal deadline.
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
    IReadOnlyDictionary<RatingCriterion, Rating>? Criteria = null)
{
    public string DocumentId => DailyStatistics.IdOf(Unit, ProcedureCode, Day);

    /// <summary>
    /// The contribution of <paramref name="event"/>, or null for events the daily counts ignore. <paramref name="dossier"/>
    /// is the dossier's state at or after the event: the unit, procedure, channel, receipt time and — once the dossier
    /// is decided — the legal deadline never change afterwards, so a later state classifies an earlier event exactly.
    /// </summary>
    public static DailyContribution? Of(IDossierEvent @event, DossierState dossier, IWorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(dossier);
        ArgumentNullException.ThrowIfNull(calendar);
        var procedure = (@event as DossierFiled)?.Procedure ?? dossier.Procedure
            ?? throw new InvalidOperationException($"Dossier {@event.Code} has no procedure: it was never filed.");
        var channel = (@event as DossierFiled)?.Channel ?? dossier.Channel;
        var day = DossierFacts.LocalDate(@event.At);
        DailyContribution Make(ContributionKind kind) => new(procedure.Agency, procedure.Code, day, kind, channel);

        switch (@event)
        {
            case DossierFiled { Channel: Channel.Online }:
                return Make(ContributionKind.SubmittedOnline);
            case DossierReceived:
                return Make(ContributionKind.Received);
            case DossierApproved or DossierRefused:
                var receivedAt = dossier.ReceivedAt
                    ?? throw new InvalidOperationException($"Dossier {@event.Code} was decided without having been received.");
                var originalDueAt = dossier.OriginalDueAt
                    ?? throw new InvalidOperationException($"Dossier {@event.Code} was decided without a deadline.");
                return Make(ContributionKind.Resolved) with
                {
                    Outcome = @event is DossierApproved ? DossierOutcome.Approved : DossierOutcome.Refused,
                    Timing = DossierFacts.TimingOf(@event.At, originalDueAt),
                    WorkingDays = calendar.WorkingDaysBetween(receivedAt, @event.At),
                };
            case ResultReturned:
                return Make(ContributionKind.ResultReturned);
            case DossierWithdrawn:
                return Make(ContributionKind.Withdrawn);
            case DossierNotAccepted:
                return Make(ContributionKind.NotAccepted);
            case ProcessingStopped:
                return Make(ContributionKind.Stopped);
            case ApologyIssued:
                return Make(ContributionKind.ApologyIssued);
            case DossierRated e:
                return Make(ContributionKind.Rated) with { Rating = e.Rating, Criteria = e.Criteria };
            default:
                return null;
        }
    }
}

/// <summary>
/// Daily counts per unit × procedure × day, on Marten's async daemon. Events are grouped by looking up the dossiers of
/// a batch in their inline summaries (one query per batch): the events themselves do not name the unit, and the
/// timing of a decision needs the deadline.
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
            var dossierEvents = events.Where(e => e.Data is IDossierEvent).ToList();
            if (dossierEvents.Count == 0)
            {
                return;
            }

            var keys = dossierEvents.Select(e => e.StreamKey!).Distinct().ToArray();
            var summaries = (await session.LoadManyAsync<DossierSummary>(keys)).ToDictionary(s => s.Id);
            foreach (var e in dossierEvents)
            {
                if (!summaries.TryGetValue(e.StreamKey!, out var summary))
                {
                    throw new InvalidOperationException(
                        $"Event {e.Sequence} of dossier {e.StreamKey}: the dossier has no summary to classify it with.");
                }

                if (DailyContribution.Of((IDossierEvent)e.Data, summary.State, calendar) is { } contribution)
                {
                    grouping.AddEvent(contribution.DocumentId, Carrying(e, contribution));
                }
            }
        });
    }

    public override DailyStatistics? Evolve(DailyStatistics? snapshot, string id, IEvent e) =>
        e.Data is DailyContribution contribution ? (snapshot ?? DailyStatistics.Empty(id)).Add(contribution) : snapshot;

    /// <summary>The original event's place in the store, carrying its classified contribution.</summary>
    private static Event<DailyContribution> Carrying(IEvent e, DailyContribution contribution) => new(contribution)
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
