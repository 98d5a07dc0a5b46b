using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Dossier.Api.Problems;

/// <summary>Turns every failure into application/problem+json with a stable type URI.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var details = exception switch
        {
            ProblemException p => FromProblem(p),
            BadHttpRequestException bad => FromBadRequest(bad),
            _ => null,
        };
        if (details is null)
        {
            logger.LogError(exception, "Unhandled failure on {Path}", http.Request.Path);
            details = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Type = ProblemException.TypeBase + "internal",
                Title = "Something went wrong on our side.",
                Detail = "The failure was logged; nothing was recorded for this request.",
            };
        }

        http.Response.StatusCode = details.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }

    private static ProblemDetails FromProblem(ProblemException p)
    {
        var details = new ProblemDetails { Status = (int)p.Status, Type = p.Type, Title = p.Title, Detail = p.Message };
        foreach (var (key, value) in p.Extensions)
        {
            details.Extensions[key] = value;
        }

        return details;
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad) => bad.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => new ProblemDetails
        {
            Status = 413, Type = ProblemException.TypeBase + "body-too-large", Title = "The request body is too large.", Detail = bad.Message,
        },
        StatusCodes.Status415UnsupportedMediaType => new ProblemDetails
        {
            Status = 415, Type = ProblemException.TypeBase + "unsupported-media-type", Title = "Send application/json.", Detail = bad.Message,
        },
        _ => Malformed(bad.InnerException?.Message ?? bad.Message),
    };

    private static ProblemDetails Malformed(string why) => new()
    {
        Status = 400, Type = ProblemException.TypeBase + "malformed-body", Title = "The request body could not be read.", Detail = why,
    };
}

public static class ProblemHandlingSetup
{
    public static IServiceCollection AddProblemHandling(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            if (c.ProblemDetails.Type is null || !c.ProblemDetails.Type.StartsWith(ProblemException.TypeBase, StringComparison.Ordinal))
            {
                c.ProblemDetails.Type = ProblemException.TypeBase + (c.ProblemDetails.Status switch
                {
                    400 => "bad-request",
                    401 => "unauthenticated",
                    403 => "forbidden",
                    404 => "not-found",
                    405 => "method-not-allowed",
                    413 => "body-too-large",
                    415 => "unsupported-media-type",
                    _ => "http-" + c.ProblemDetails.Status,
                });
            }

            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }
}
