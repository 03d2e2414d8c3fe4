using Grpc.Core;
using Minimax.Silo.Services;

namespace Minimax.Silo.Security;

/// <summary>
/// Authenticates every request except health checks from its headers alone, before anything reads
/// its body, and records the caller's tenant (<see cref="CallerTenant"/>). A caller without a valid
/// key is answered UNAUTHENTICATED, so it cannot make the silo buffer or decode a request.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyAuthenticator authenticator)
{
    // Load balancers and orchestrators probe health without credentials.
    private const string HealthService = "/grpc.health.v1.Health/";

    public Task InvokeAsync(HttpContext context)
    {
        if ((context.Request.Path.Value ?? "").StartsWith(HealthService, StringComparison.Ordinal))
        {
            return next(context);
        }
        try
        {
            CallerTenant.Set(context, authenticator.Authenticate(context.Request.Headers.Authorization));
        }
        catch (RpcException refused) when (!HttpProtocol.IsHttp2(context.Request.Protocol))
        {
            // The HTTP/1.1 metrics listener: a scraper understands a status code, not gRPC trailers.
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return context.Response.WriteAsync(refused.Status.Detail);
        }
        catch (RpcException refused)
        {
            TrailersOnlyResponse.Write(context, refused.Status);
            return Task.CompletedTask;
        }
        return next(context);
    }
}
