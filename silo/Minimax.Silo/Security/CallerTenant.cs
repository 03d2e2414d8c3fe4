using Grpc.Core;

namespace Minimax.Silo.Security;

/// <summary>The tenant <see cref="ApiKeyInterceptor"/> resolved for a call, kept in the call's user state.</summary>
public static class CallerTenant
{
    /// <summary>The tenant of every caller when Auth:Mode is none.</summary>
    public const string Local = "local";

    private const string UserStateKey = "minimax.tenant";

    public static void Set(ServerCallContext context, string tenant) => context.UserState[UserStateKey] = tenant;

    /// <summary>The caller's tenant; UNAUTHENTICATED if no interceptor resolved one (fail closed).</summary>
    public static string Of(ServerCallContext context) =>
        context.UserState.TryGetValue(UserStateKey, out var tenant) && tenant is string name
            ? name
            : throw new RpcException(new Status(StatusCode.Unauthenticated, "the call was not authenticated"));
}
