using Grpc.Core;

namespace Minimax.Silo.Services;

/// <summary>
/// A gRPC error answered by middleware, before grpc-dotnet reads the request: a trailers-only
/// response, whose status travels in the headers with no message after it.
/// </summary>
public static class TrailersOnlyResponse
{
    public static void Write(HttpContext context, Status status)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)status.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(status.Detail);
    }
}
