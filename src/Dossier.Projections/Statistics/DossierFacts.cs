using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Dossier.Projections.Statistics;

/// <summary>How a resolved dossier met its legal deadline (form II.06a).</summary>
public enum ResolutionTiming
{
    /// <summary>Trước hạn: decided on a local day before the due day.</summary>
    BeforeDeadline,

    /// <summary>Đúng hạn: decided on the due day, not after the due time.</summary>
    OnTime,

    /// <summary>Quá hạn: decided after the original due time, apology or not.</summary>
    Late,
}

/// <summary>How a dossier ended without a decision; reported apart from the resolved ones.</summary>
public enum ClosedWithoutDecision
{
    Withdrawn,
    NotAccepted,
    Stopped,
}

/// <summary>
/// The legal deadline as it stood from <see cref="At"/> on: the original due time (extended by pauses, never by an
/// apology) and, while the clock stands still, when it stopped.
/// </summary>
public sealed record DeadlinePoint(DateTimeOffset At, DateTimeOffset OriginalDueAt, DateTimeOffset? PausedAt);

/// <summary>
/// A stretch of time over which a dossier in progress was past its legal deadline: after <see cref="From"/>, up to and
/// including <see cref="Until"/> (null while it lasts). <see cref="StartedBy"/> and <see cref="EndedBy"/> are the stream
/// versions of the events that opened and closed it, so that a later state still tells what each event changed. A span
/// closed before it began (the deadline moved before it passed) has <see cref="Until"/> = <see cref="From"/>: empty.
/// </summary>
public sealed record OverdueSpan(DateTimeOffset From, long StartedBy, DateTimeOffset? Until = null, long? EndedBy = null);

/// <summary>
/// What the statistics need to know about one dossier, without personal data: when it was received and through which
/// channel, when and how it was resolved or closed, its deadline over time and its rating. Kept by the async daemon;
/// the report for any period is a handful of counts over these documents.
/// </summary>
public sealed record DossierFacts
{
    public required string Id { get; init; }

    /// <summary>The unit the report counts the dossier for: the procedure's agency.</summary>
    public required string Unit { get; init; }

    public required string ProcedureCode { get; init; }

    public required string ProcedureName { get; init; }

    public int ProcedureVersion { get; init; }

    /// <summary>The procedure's service level (3 or 4) when the dossier was filed.</summary>
    public int Level { get; init; }

    public Channel Channel { get; init; }

    /// <summary>Submitted online at level 3/4: the online-rate numerator and the report's "online" column.</summary>
    public bool Online { get; init; }

    public DateTimeOffset FiledAt { get; init; }

    public DossierStatus Status { get; init; }

    /// <summary>When the receipt was issued and the legal clock started; null if it never was.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>The current appointment (an apology moves it).</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>The legal deadline lateness is measured against.</summary>
    public DateTimeOffset? OriginalDueAt { get; init; }

    /// <summary>Set while the legal clock stands still for a supplement or a payment.</summary>
    public DateTimeOffset? ClockPausedAt { get; init; }

    /// <summary>Every change of the legal deadline or of the pause, in order, from receipt on.</summary>
    public IReadOnlyList<DeadlinePoint> Deadlines { get; init; } = [];

    /// <summary>
    /// When the dossier was past its legal deadline while in progress, as the deadline history and the end give it: the
    /// daily statistics count the starts and ends of these spans, so "overdue at an instant" is a running balance.
    /// </summary>
    public IReadOnlyList<OverdueSpan> OverdueSpans { get; init; } = [];

    /// <summary>Reached status 9 (approved or refused).</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    public DossierOutcome? Outcome { get; init; }

    public ResolutionTiming? Timing { get; init; }

    /// <summary>Working days from receipt to decision (<see cref="IWorkingCalendar.WorkingDaysBetween"/>).</summary>
    public int? ProcessingWorkingDays { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>When it stopped being in progress: the first of <see cref="ResolvedAt"/> and <see cref="ClosedAt"/>.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    public ClosedWithoutDecision? ClosedAs { get; init; }

    public DateTimeOffset? ResultReturnedAt { get; init; }

    public Rating? Rating { get; init; }

    public DateTimeOffset? RatedAt { get; init; }

    public long Version { get; init; }

    /// <summary>Received before <paramref name="end"/> and neither resolved nor closed before it.</summary>
    public bool IsOpenAt(DateTimeOffset end) =>
        ReceivedAt < end && !(ResolvedAt < end) && !(ClosedAt < end);

    /// <summary>
    /// Whether the dossier, open at <paramref name="end"/>, had passed its legal deadline by <paramref name="asOf"/>
    /// (the end of the period, or now if that comes first). While the clock stands still the deadline keeps moving, as
    /// the decider measures it for an apology.
    /// </summary>
    public bool IsOverdue(DateTimeOffset end, DateTimeOffset asOf, IWorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var point = Deadlines.LastOrDefault(d => d.At < end);
        return point is not null && EffectiveDue(point, asOf, calendar) < asOf;
    }

    public static DateTimeOffset EffectiveDue(DeadlinePoint point, DateTimeOffset asOf, IWorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(calendar);
        return point.PausedAt is { } pausedAt && asOf >= pausedAt
            ? calendar.ExtendForPause(point.OriginalDueAt, pausedAt, asOf)
            : point.OriginalDueAt;
    }

    public static ResolutionTiming TimingOf(DateTimeOffset resolvedAt, DateTimeOffset originalDueAt)
    {
        if (resolvedAt > originalDueAt)
        {
            return ResolutionTiming.Late;
        }

        return LocalDate(resolvedAt) < LocalDate(originalDueAt) ? ResolutionTiming.BeforeDeadline : ResolutionTiming.OnTime;
    }

    public static DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(instant.ToOffset(WorkingCalendar.VietnamOffset).DateTime);

    /// <summary>
    /// Whether events of this type can change a fact or a daily count. A reminder changes neither, so the daemon does not
    /// hand reminders to the statistics projections and the folds pass over them (ADR 0023): the facts' version is that
    /// of the last event that concerned them, live and rebuilt alike.
    /// </summary>
    public static bool Concerns(Type eventType) => eventType != typeof(ReminderRecorded);

    public static DossierFacts Fold(DossierFacts? current, string id, IDossierEvent @event, long version, IWorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(calendar);
        if (current is not null && !Concerns(@event.GetType()))
        {
            return current;
        }

        if (@event is DossierFiled filed)
        {
            if (current is not null)
            {
                throw new InvalidOperationException($"Dossier {id} was filed twice (version {version}).");
            }

            return new DossierFacts
            {
                Id = id,
                Unit = filed.Procedure.Agency,
                ProcedureCode = filed.Procedure.Code,
                ProcedureName = filed.Procedure.Name,
                ProcedureVersion = filed.Procedure.Version,
                Level = (int)filed.Procedure.Level,
                Channel = filed.Channel,
                Online = filed.Channel == Channel.Online,
                FiledAt = Utc(filed.At),
                Status = DossierStatus.Submitted,
                Version = version,
            };
        }

        if (current is null)
        {
            throw new InvalidOperationException(
                $"Dossier {id}: {@event.GetType().Name} at version {version} comes before the dossier was filed.");
        }

        var at = Utc(@event.At);
        var next = WithDeadlinePoint(current, Evolve(current, @event, calendar) with { Version = version }, at);
        return WithOverdueSpans(current, next, at, version, calendar);
    }

    /// <summary>
    /// A new deadline point or the end of the dossier closes the running overdue span at <paramref name="at"/>; the new
    /// point opens the next one: a running clock is overdue once its due time has passed, a clock standing still either
    /// is overdue all along or not at all (its deadline moves on with every working day it stands still).
    /// </summary>
    private static DossierFacts WithOverdueSpans(DossierFacts before, DossierFacts after, DateTimeOffset at, long version, IWorkingCalendar calendar)
    {
        var newPoint = after.Deadlines.Count > before.Deadlines.Count;
        var ended = before.EndedAt is null && after.EndedAt is not null;
        if (!newPoint && !ended)
        {
            return after;
        }

        var spans = before.OverdueSpans.ToList();
        if (spans.Count > 0 && spans[^1].Until is null)
        {
            var running = spans[^1];
            spans[^1] = running with { Until = running.From > at ? running.From : at, EndedBy = version };
        }

        if (newPoint && !ended && OverdueFrom(after.Deadlines[^1], calendar) is { } from)
        {
            spans.Add(new OverdueSpan(from, version));
        }

        return after with { OverdueSpans = spans };
    }

    private static DateTimeOffset? OverdueFrom(DeadlinePoint point, IWorkingCalendar calendar)
    {
        if (point.PausedAt is null)
        {
            return point.OriginalDueAt > point.At ? point.OriginalDueAt : point.At;
        }

        // The point holds for every instant after it; one tick later stands for all of them.
        var probe = point.At.AddTicks(1);
        return EffectiveDue(point, probe, calendar) < probe ? point.At : null;
    }

    private static DossierFacts Evolve(DossierFacts f, IDossierEvent @event, IWorkingCalendar calendar) => @event switch
    {
        DossierReceived e => f with
        {
            Status = DossierStatus.Received,
            ReceivedAt = Utc(e.At),
            DueAt = Utc(e.DueAt),
            OriginalDueAt = Utc(e.DueAt),
        },
        DossierNotAccepted e => Closed(f, Utc(e.At), ClosedWithoutDecision.NotAccepted, DossierStatus.NotAccepted),
        SupplementRequested e => f with
        {
            Status = DossierStatus.AwaitingSupplement,
            ClockPausedAt = e.ClockPaused ? Utc(e.At) : null,
        },
        SupplementProvided e => f with
        {
            Status = e.ResumedStatus,
            ClockPausedAt = null,
            DueAt = Utc(e.DueAt) ?? f.DueAt,
            OriginalDueAt = Utc(e.OriginalDueAt) ?? f.OriginalDueAt,
        },
        DossierAssigned => f with { Status = DossierStatus.Processing },
        StepCompleted => f,
        PaymentRequested e => f with { Status = DossierStatus.AwaitingPayment, ClockPausedAt = Utc(e.At) },
        PaymentMade e => f with
        {
            Status = e.ResumedStatus,
            ClockPausedAt = null,
            DueAt = Utc(e.DueAt),
            OriginalDueAt = Utc(e.OriginalDueAt),
        },
        DossierApproved e => Resolved(f, Utc(e.At), DossierOutcome.Approved, calendar),
        DossierRefused e => Resolved(f, Utc(e.At), DossierOutcome.Refused, calendar),
        ApologyIssued e => f with { DueAt = Utc(e.NewDueAt) },
        ResultReturned e => f with { Status = DossierStatus.ResultReturned, ResultReturnedAt = Utc(e.At) },
        DossierWithdrawn e => Closed(f, Utc(e.At), ClosedWithoutDecision.Withdrawn, DossierStatus.Withdrawn),
        ProcessingStopped e => Closed(f, Utc(e.At), ClosedWithoutDecision.Stopped, DossierStatus.Stopped),
        DossierRated e => f with { Rating = e.Rating, RatedAt = Utc(e.At) },
        ReminderRecorded => f,
        _ => throw new ArgumentException($"{@event.GetType().Name} is not a known dossier event.", nameof(@event)),
    };

    private static DossierFacts Resolved(DossierFacts f, DateTimeOffset at, DossierOutcome outcome, IWorkingCalendar calendar)
    {
        if (f.ReceivedAt is not { } receivedAt || f.OriginalDueAt is not { } originalDueAt)
        {
            throw new InvalidOperationException($"Dossier {f.Id} was decided without having been received.");
        }

        return f with
        {
            Status = DossierStatus.Decided,
            ResolvedAt = at,
            EndedAt = f.EndedAt ?? at,
            Outcome = outcome,
            Timing = TimingOf(at, originalDueAt),
            ProcessingWorkingDays = calendar.WorkingDaysBetween(receivedAt, at),
        };
    }

    /// <summary>Instants are kept in UTC: PostgreSQL's timestamptz columns the queries filter on take nothing else.</summary>
    private static DateTimeOffset Utc(DateTimeOffset instant) => instant.ToUniversalTime();

    private static DateTimeOffset? Utc(DateTimeOffset? instant) => instant?.ToUniversalTime();

    private static DossierFacts Closed(DossierFacts f, DateTimeOffset at, ClosedWithoutDecision how, DossierStatus status) =>
        f with { Status = status, ClosedAt = at, EndedAt = f.EndedAt ?? at, ClosedAs = how, ClockPausedAt = null };

    private static DossierFacts WithDeadlinePoint(DossierFacts before, DossierFacts after, DateTimeOffset at)
    {
        if (after.OriginalDueAt is not { } due || after.ResolvedAt is not null || after.ClosedAt is not null)
        {
            return after;
        }

        var last = after.Deadlines.Count > 0 ? after.Deadlines[^1] : null;
        if (last is not null && last.OriginalDueAt == due && last.PausedAt == after.ClockPausedAt)
        {
            return after;
        }

        return after with { Deadlines = [.. before.Deadlines, new DeadlinePoint(at, due, after.ClockPausedAt)] };
    }
}

/// <summary>The per-dossier facts, kept by Marten's async daemon; a rebuild replays them from the events.</summary>
public sealed class DossierFactsProjection : SingleStreamProjection<DossierFacts, string>
{
    private readonly IWorkingCalendar calendar;

    public DossierFactsProjection(IWorkingCalendar calendar)
    {
        this.calendar = calendar;
        Name = ProjectionName;
        Rebuilding.ProjectionPaging.Apply(Options);
    }

    public const string ProjectionName = "dossier-facts";

    public override DossierFacts? Evolve(DossierFacts? snapshot, string id, IEvent e) =>
        e.Data is IDossierEvent dossierEvent ? DossierFacts.Fold(snapshot, id, dossierEvent, e.Version, calendar) : snapshot;
}
