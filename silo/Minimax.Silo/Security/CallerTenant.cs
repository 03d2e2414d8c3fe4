using Grpc.Core;

namespace Minimax.Silo.Security;

/// <summary>The tenant <see cref="ApiKeyMiddleware"/> resolved for a request, kept in the request's items.</summary>
public static class CallerTenant
{
    /// <summary>The tenant of every caller when Auth:Mode is none.</summary>
    public const string Local = "local";

    private const string ItemKey = "minimax.tenant";

    public static void Set(HttpContext context, string tenant) => context.Items[ItemKey] = tenant;

    /// <summary>The tenant resolved for a plain HTTP request (the dashboard's), if any.</summary>
    public static bool TryGet(HttpContext context, out string tenant)
    {
        tenant = context.Items.TryGetValue(ItemKey, out var value) && value is string name ? name : "";
        return tenant.Length > 0;
    }

    /// <summary>The caller's tenant; UNAUTHENTICATED if the middleware resolved none (fail closed).</summary>
    public static string Of(ServerCallContext context) =>
        context.GetHttpContext().Items.TryGetValue(ItemKey, out var tenant) && tenant is string name
            ? name
            : throw new RpcException(new Status(StatusCode.Unauthenticated, "the call was not authenticated"));
}
