using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Minimax.Silo.Security;

/// <summary>
/// Authenticates every gRPC call except health checks and records the caller's tenant
/// (<see cref="CallerTenant"/>) before the service method runs.
/// </summary>
public sealed class ApiKeyInterceptor(ApiKeyAuthenticator authenticator) : Interceptor
{
    // Load balancers and orchestrators probe health without credentials.
    private const string HealthService = "/grpc.health.v1.Health/";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authenticate(ServerCallContext context)
    {
        if (context.Method.StartsWith(HealthService, StringComparison.Ordinal))
        {
            return;
        }
        CallerTenant.Set(context, authenticator.Authenticate(context.RequestHeaders.GetValue("authorization")));
    }
}
