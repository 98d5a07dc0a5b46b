using Microsoft.AspNetCore.Http.Features;

namespace Dossier.Api.Hosting;

/// <summary>
/// Caps request bodies whatever server hosts the API: Kestrel enforces the feature while reading, and a
/// declared Content-Length over the cap is refused before anything is read.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = EngineSetup.MaxRequestBodyBytes;
        }

        if (http.Request.ContentLength > EngineSetup.MaxRequestBodyBytes)
        {
            throw new BadHttpRequestException(
                $"The body is {http.Request.ContentLength} bytes; at most {EngineSetup.MaxRequestBodyBytes} are accepted.",
                StatusCodes.Status413PayloadTooLarge);
        }

        return next(http);
    }
}
