using Dossier.Domain.Access;
using Marten;

namespace Dossier.Api.Dossiers;

/// <summary>
/// Correlation and causation of one request: a client may send X-Correlation-Id to tie several requests
/// together; the causation is this request itself.
/// </summary>
public sealed record RequestMetadata(string CorrelationId, string CausationId)
{
    public const string CorrelationHeader = "X-Correlation-Id";

    public static RequestMetadata From(HttpContext http)
    {
        var sent = http.Request.Headers[CorrelationHeader].ToString();
        var correlation = sent.Length is > 0 and <= 100 ? sent : http.TraceIdentifier;
        return new RequestMetadata(correlation, http.TraceIdentifier);
    }

    /// <summary>Stamps every event the session appends with who acted and why.</summary>
    public void Stamp(IDocumentSession session, Actor actor)
    {
        session.CorrelationId = CorrelationId;
        session.CausationId = CausationId;
        session.SetHeader(EventHeaders.Actor, actor.PersonId);
        session.SetHeader(EventHeaders.Role, actor.Role.ToString().ToLowerInvariant());
        if (actor.Agency is not null)
        {
            session.SetHeader(EventHeaders.Agency, actor.Agency);
        }
    }
}

public static class EventHeaders
{
    public const string Actor = "actor";
    public const string Role = "role";
    public const string Agency = "agency";
}
