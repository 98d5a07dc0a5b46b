namespace Dossier.Api.Sla;

/// <summary>The <c>Sla</c> configuration section.</summary>
public sealed class SlaOptions
{
    public const string Section = "Sla";

    /// <summary>Working days after the appointment at which the unit's leader is told.</summary>
    public int EscalationWorkingDays { get; set; } = 2;

    /// <summary>Working days before the appointment at which "deadline approaching" fires.</summary>
    public int ApproachingWorkingDays { get; set; } = 1;

    /// <summary>Seconds between two passages of time announced by the Quartz trigger.</summary>
    public int TickSeconds { get; set; } = 60;

    /// <summary>Transactions a sweep writes its batches of reminders with at once (PostgreSQL works on one core per connection).</summary>
    public int SweepWriters { get; set; } = 2;

    /// <summary>Whether the API host starts the Quartz scheduler.</summary>
    public bool SchedulerEnabled { get; set; } = true;
}
