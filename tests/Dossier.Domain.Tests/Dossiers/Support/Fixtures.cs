using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;

namespace Dossier.Domain.Tests.Dossiers.Support;

/// <summary>
/// Procedures, people, times and ready-made events for the decider tests. March 2025: Monday 3, 10, 17;
/// with <see cref="WeekdayCalendar"/>, a level-3 dossier received on Monday 3 at 09:00 is due Monday 10 at 17:00.
/// </summary>
internal static class Fixtures
{
    public const string Unit = "000.00.15.H08";

    public static readonly WeekdayCalendar Calendar = new();

    public static readonly DossierCode Code = DossierCode.Create(Unit, new DateOnly(2025, 3, 3), 1);

    public static readonly Actor Citizen = new("citizen-1", Role.Citizen, null);
    public static readonly Actor OtherCitizen = new("citizen-2", Role.Citizen, null);
    public static readonly Actor Reception = new("reception-1", Role.Reception, Unit);
    public static readonly Actor Officer = new("officer-1", Role.Officer, Unit);
    public static readonly Actor OtherOfficer = new("officer-2", Role.Officer, Unit);
    public static readonly Actor Leader = new("leader-1", Role.Leader, Unit);
    public static readonly Actor OtherLeader = new("leader-2", Role.Leader, Unit);

    public static readonly Applicant Nguyen = new("Nguyễn Văn An", "079123456789", "0901234567", "an@example.vn");

    /// <summary>The applicant themself, logged in with their national ID.</summary>
    public static readonly Actor ApplicantCitizen = new(Nguyen.IdNumber, Role.Citizen, null);

    public static readonly IReadOnlyList<SubmittedDocument> Documents =
    [
        new("Tờ khai.pdf", new string('a', 64)),
        new("CCCD.pdf", new string('b', 64)),
    ];

    public static readonly IReadOnlyList<SubmittedDocument> Supplement = [new("Bản sao sổ đỏ.pdf", new string('c', 64))];

    public static readonly IReadOnlyList<SubmittedDocument> Result = [new("Giấy phép.pdf", new string('d', 64))];

    /// <summary>Level 3, 5 working days, clock pauses on a supplement; appraise → review → decide.</summary>
    public static readonly Procedure Level3 = new(
        "1.000001", 1, "Cấp giấy phép xây dựng", "Xây dựng", Unit, ServiceLevel.Level3, 5, SupplementPolicy.Pause,
        [
            new("appraise", "Thẩm định", Role.Officer, null, 3,
            [
                new("complete", "review"),
                new("incomplete", StepOutcome.Supplement),
                new("skip-review", "decide"),
            ]),
            new("review", "Kiểm tra", Role.Officer, null, 1, []),
            new("decide", "Phê duyệt", Role.Leader, null, 1, []),
        ],
        [new("Lệ phí", 50_000)],
        [new("Đơn đề nghị", 1, true)],
        // Online is listed on purpose: a level-3 procedure still may not return results online.
        [ResultDelivery.InPerson, ResultDelivery.Online]);

    /// <summary>Level 4, 3 working days: appraise → decide.</summary>
    public static readonly Procedure Level4 = new(
        "1.000002", 2, "Cấp phiếu lý lịch tư pháp", "Tư pháp", Unit, ServiceLevel.Level4, 3, SupplementPolicy.Pause,
        [
            new("appraise", "Thẩm định", Role.Officer, null, 2, []),
            new("decide", "Phê duyệt", Role.Leader, null, 1, []),
        ],
        [new("Phí", 200_000)],
        [new("Tờ khai", 1, true)],
        [ResultDelivery.InPerson, ResultDelivery.Online, ResultDelivery.Post]);

    /// <summary>Like <see cref="Level3"/> but a supplement restarts the full period.</summary>
    public static readonly Procedure Restarting = Level3 with { Code = "1.000003", SupplementPolicy = SupplementPolicy.Restart };

    public static Procedure ProcedureFor(ProcedureRef filed) =>
        new[] { Level3, Level4, Restarting }.Single(p => filed.Is(p));

    /// <summary>A time in March 2025 on the Hanoi wall clock.</summary>
    public static DateTimeOffset March(int day, int hour, int minute = 0) => new(2025, 3, day, hour, minute, 0, WeekdayCalendar.Offset);

    public static readonly DateTimeOffset FiledAt = March(3, 8);
    public static readonly DateTimeOffset ReceivedAt = March(3, 9);

    /// <summary>Due date of a level-3 dossier received at <see cref="ReceivedAt"/>.</summary>
    public static readonly DateTimeOffset DueLevel3 = March(10, 17);

    /// <summary>Due date of a level-4 dossier received at <see cref="ReceivedAt"/>.</summary>
    public static readonly DateTimeOffset DueLevel4 = March(6, 17);

    public static DossierFiled Filed(Procedure? procedure = null) =>
        new(Code, ProcedureRef.From(procedure ?? Level3), Channel.Online, Nguyen, Citizen.PersonId, "Xin cấp phép",
            Documents, null, Citizen, FiledAt);

    public static DossierFiled FiledAtDesk(Procedure? procedure = null) =>
        new(Code, ProcedureRef.From(procedure ?? Level3), Channel.InPerson, Nguyen, null, "Xin cấp phép",
            Documents, null, Reception, ReceivedAt);

    public static DossierReceived Received(DateTimeOffset? dueAt = null, Procedure? procedure = null) =>
        new(Code, dueAt ?? DueLevel3, (procedure ?? Level3).WorkingDays, Documents.Count, Reception, ReceivedAt);

    public static DossierReceived ReceivedLevel4() => Received(DueLevel4, Level4);

    public static DossierAssigned Assigned(string stepId = "appraise", Actor? assignee = null, DateTimeOffset? at = null) =>
        new(Code, stepId, (assignee ?? Officer).PersonId, Leader, at ?? March(3, 10));

    public static StepCompleted Completed(string stepId, string? outcome, string? next, Actor? by = null, DateTimeOffset? at = null) =>
        new(Code, stepId, outcome, "Đạt", next, by ?? Officer, at ?? March(4, 10));

    public static SupplementRequested SupplementAsked(bool clockPaused, DateTimeOffset at, string? stepId = null) =>
        new(Code, "Thiếu bản sao sổ đỏ", ["Bản sao sổ đỏ"], clockPaused, stepId, clockPaused ? Officer : Reception, at);

    public static SupplementProvided SupplementGiven(DossierStatus resumed, DateTimeOffset at, DateTimeOffset? dueAt, DateTimeOffset? originalDueAt) =>
        new(Code, Supplement, resumed, dueAt, originalDueAt, Citizen, at);

    public static PaymentRequested PaymentAsked(long amount, DateTimeOffset at) => new(Code, amount, Officer, at);

    public static PaymentMade Paid(long amount, DossierStatus resumed, DateTimeOffset at, DateTimeOffset dueAt, DateTimeOffset originalDueAt) =>
        new(Code, amount, "VNPAY-123", resumed, dueAt, originalDueAt, Citizen, at);

    public static DossierApproved Approved(DateTimeOffset? at = null) => new(Code, Result, Leader, at ?? March(7, 10));

    public static DossierRefused Refused(DateTimeOffset? at = null) => new(Code, "Không đủ điều kiện", Leader, at ?? March(7, 10));

    public static ApologyIssued Apologised(DateTimeOffset newDueAt, DateTimeOffset previousDueAt, DateTimeOffset at, bool late = false) =>
        new(Code, "Cần xác minh thêm", newDueAt, previousDueAt, late, Officer, at);

    public static ResultReturned Returned(ResultDelivery method = ResultDelivery.InPerson) => new(Code, method, Reception, March(10, 9));

    /// <summary>Level 3, received, appraised, reviewed; the decision step assigned to <see cref="Leader"/>.</summary>
    public static IDossierEvent[] AtDecisionStep(Actor? leader = null) =>
    [
        Filed(),
        Received(),
        Assigned(),
        Completed("appraise", "complete", "review"),
        Assigned("review", at: March(4, 11)),
        Completed("review", null, "decide", at: March(5, 10)),
        .. leader is null ? Array.Empty<IDossierEvent>() : [Assigned("decide", leader, March(5, 11))],
    ];

    public static IDossierEvent[] Processing() => [Filed(), Received(), Assigned()];

    public static IDossierEvent[] Decided() => [.. AtDecisionStep(Leader), Approved()];
}
