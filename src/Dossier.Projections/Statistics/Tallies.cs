namespace Dossier.Projections.Statistics;

/// <summary>
/// The counts of one unit for one period from which its report row and its share of the indicators follow. Both the
/// read-model queries and an independent fold of the raw events produce these, so they can be compared.
/// </summary>
public sealed record UnitTally(string Unit)
{
    /// <summary>Received in the period, submitted online.</summary>
    public int ReceivedOnline { get; init; }

    /// <summary>Received in the period, in person or by post.</summary>
    public int ReceivedInPersonOrPost { get; init; }

    /// <summary>Received before the period and neither resolved nor closed before it started.</summary>
    public int CarriedOver { get; init; }

    public int ResolvedBeforeDeadline { get; init; }

    public int ResolvedOnTime { get; init; }

    public int ResolvedLate { get; init; }

    /// <summary>Resolved in the period and submitted online (the online-rate numerator).</summary>
    public int ResolvedOnline { get; init; }

    /// <summary>Resolved in the period and rated "not satisfied" by the end of it.</summary>
    public int ResolvedRatedNotSatisfied { get; init; }

    /// <summary>Working days from receipt to decision, summed over the dossiers resolved in the period.</summary>
    public long ProcessingWorkingDays { get; init; }

    /// <summary>Received, and neither resolved nor closed, at the end of the period.</summary>
    public int InProgress { get; init; }

    /// <summary>Of <see cref="InProgress"/>, those past their legal deadline by then.</summary>
    public int Overdue { get; init; }

    public int Withdrawn { get; init; }

    public int NotAccepted { get; init; }

    public int Stopped { get; init; }

    /// <summary>Ratings given in the period.</summary>
    public int Ratings { get; init; }

    /// <summary>Ratings given in the period that were "very satisfied" or "satisfied".</summary>
    public int RatingsSatisfied { get; init; }

    public int Resolved => ResolvedBeforeDeadline + ResolvedOnTime + ResolvedLate;

    public int Received => ReceivedOnline + ReceivedInPersonOrPost + CarriedOver;

    public bool IsEmpty => this == new UnitTally(Unit);

    public UnitTally Plus(UnitTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new UnitTally(Unit)
        {
            ReceivedOnline = ReceivedOnline + other.ReceivedOnline,
            ReceivedInPersonOrPost = ReceivedInPersonOrPost + other.ReceivedInPersonOrPost,
            CarriedOver = CarriedOver + other.CarriedOver,
            ResolvedBeforeDeadline = ResolvedBeforeDeadline + other.ResolvedBeforeDeadline,
            ResolvedOnTime = ResolvedOnTime + other.ResolvedOnTime,
            ResolvedLate = ResolvedLate + other.ResolvedLate,
            ResolvedOnline = ResolvedOnline + other.ResolvedOnline,
            ResolvedRatedNotSatisfied = ResolvedRatedNotSatisfied + other.ResolvedRatedNotSatisfied,
            ProcessingWorkingDays = ProcessingWorkingDays + other.ProcessingWorkingDays,
            InProgress = InProgress + other.InProgress,
            Overdue = Overdue + other.Overdue,
            Withdrawn = Withdrawn + other.Withdrawn,
            NotAccepted = NotAccepted + other.NotAccepted,
            Stopped = Stopped + other.Stopped,
            Ratings = Ratings + other.Ratings,
            RatingsSatisfied = RatingsSatisfied + other.RatingsSatisfied,
        };
    }
}

/// <summary>Dossiers of one procedure resolved in the period and their working days from receipt to decision.</summary>
public sealed record ProcedureTally(string ProcedureCode, string ProcedureName, string Unit, int Resolved, long WorkingDays);

/// <summary>The procedures in the catalogue as of the end of the period, by service level.</summary>
public sealed record CatalogueTally(int Procedures, int Level3Or4, int Level4);

/// <summary>Everything the report and the indicators of one period are computed from.</summary>
public sealed record StatisticsTallies(
    ReportPeriod Period,
    DateTimeOffset AsOf,
    string? Unit,
    IReadOnlyList<UnitTally> Units,
    IReadOnlyList<ProcedureTally> Procedures);
