namespace Dossier.Domain.Dossiers;

/// <summary>The dossier's status; the numeric values are the national public-service portal's status codes.</summary>
public enum DossierStatus
{
    /// <summary>No dossier yet: the state of an empty stream. Never synced.</summary>
    None = 0,

    /// <summary>Mới đăng ký — submitted online, not yet received.</summary>
    Submitted = 1,

    /// <summary>Được tiếp nhận — received, receipt issued, clock running.</summary>
    Received = 2,

    /// <summary>Không được tiếp nhận — not accepted at reception.</summary>
    NotAccepted = 3,

    /// <summary>Đang xử lý — going through the procedure's steps.</summary>
    Processing = 4,

    /// <summary>Yêu cầu bổ sung giấy tờ.</summary>
    AwaitingSupplement = 5,

    /// <summary>Yêu cầu thực hiện nghĩa vụ tài chính.</summary>
    AwaitingPayment = 6,

    /// <summary>Công dân yêu cầu rút hồ sơ.</summary>
    Withdrawn = 7,

    /// <summary>Dừng xử lý.</summary>
    Stopped = 8,

    /// <summary>Đã xử lý xong — approved or refused, result ready.</summary>
    Decided = 9,

    /// <summary>Đã trả kết quả.</summary>
    ResultReturned = 10,
}

public static class DossierStatusExtensions
{
    public static int NationalStatusCode(this DossierStatus status) => (int)status;

    /// <summary>Not yet resolved: counts as "in progress" in reports.</summary>
    public static bool IsOpen(this DossierStatus status) =>
        status is DossierStatus.Submitted or DossierStatus.Received or DossierStatus.Processing
            or DossierStatus.AwaitingSupplement or DossierStatus.AwaitingPayment;

    /// <summary>
    /// No further status change is possible. <see cref="DossierStatus.Decided"/> is neither open nor terminal:
    /// the result has still to be returned. A returned result may still be rated, which changes no status.
    /// </summary>
    public static bool IsTerminal(this DossierStatus status) =>
        status is DossierStatus.NotAccepted or DossierStatus.Withdrawn or DossierStatus.Stopped
            or DossierStatus.ResultReturned;

    /// <summary>Reached status 9: counts as resolved in reports.</summary>
    public static bool IsResolved(this DossierStatus status) =>
        status is DossierStatus.Decided or DossierStatus.ResultReturned;
}
