using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Minimax.Silo.Security;
using Orleans.Dashboard;

namespace Minimax.Silo.Hosting;

/// <summary>
/// The Orleans Dashboard on the silo when Dashboard:Enabled is true (see <see cref="OrleansDashboardOptions"/>): its
/// services in the silo, an HTTP/1.1 listener of its own, and its page, assets and JSON API mapped for that listener
/// only. <see cref="ApiKeyMiddleware"/> runs before every endpoint, so with Auth:Mode=keys a request without a valid
/// key gets 401, and one whose key belongs to a tenant outside Dashboard:Tenants 403.
/// </summary>
public static class OrleansDashboard
{
    /// <summary>
    /// Refuses unsafe settings and opens the listener, over HTTPS with the gRPC endpoint's certificate when there is
    /// one (keys travel in its requests); call before the application is built.
    /// </summary>
    public static void Listen(WebApplicationBuilder builder, SiloOptions options, ApiKeyAuthenticator authenticator, IPAddress listenAddress, X509Certificate2? certificate)
    {
        var dashboard = options.Dashboard;
        if (!dashboard.Enabled)
        {
            return;
        }
        if (dashboard.Port <= 0 || dashboard.Port == options.GrpcPort || dashboard.Port == options.Telemetry.MetricsPort)
        {
            throw new SiloConfigurationException($"Dashboard:Port: {dashboard.Port} is not a port of its own (Grpc:Port is {options.GrpcPort}, Telemetry:MetricsPort {options.Telemetry.MetricsPort})");
        }
        if (authenticator.Mode == AuthMode.Keys && dashboard.Tenants.Count == 0)
        {
            throw new SiloConfigurationException(
                "Dashboard:Tenants: required when Auth:Mode is keys; the dashboard shows every tenant's grains, so list the operators' tenants whose keys may open it");
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(listenAddress, dashboard.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            }));
    }

    public static void Add(ISiloBuilder silo, OrleansDashboardOptions dashboard)
    {
        if (dashboard.Enabled)
        {
            silo.AddDashboard();
        }
    }

    /// <summary>Maps the dashboard's routes; call after the authentication middleware.</summary>
    public static void Map(WebApplication app, OrleansDashboardOptions dashboard)
    {
        if (!dashboard.Enabled)
        {
            return;
        }
        var mode = app.Services.GetRequiredService<ApiKeyAuthenticator>().Mode;
        app.MapOrleansDashboard(dashboard.RoutePrefix).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.Connection.LocalPort != dashboard.Port)
            {
                return Results.NotFound();
            }
            if (mode == AuthMode.Keys && !(CallerTenant.TryGet(http, out var tenant) && dashboard.Tenants.Contains(tenant)))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }
            return await next(context);
        });
    }
}
