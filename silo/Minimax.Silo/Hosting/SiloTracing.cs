using Minimax.Grains.Telemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Minimax.Silo.Hosting;

/// <summary>
/// The silo's traces and log correlation. Tracing is on when OTEL_EXPORTER_OTLP_ENDPOINT is set (spans go over OTLP)
/// or a host adds to the tracer provider (<see cref="TelemetryOptions.ConfigureTracing"/>); only then are Orleans'
/// activity propagation filters installed, so a silo without traces pays nothing per grain call. Log records carry
/// the current trace and span ids as a scope, and go over OTLP too when the endpoint is set.
/// </summary>
public static class SiloTracing
{
    /// <summary>Orleans' grain call and storage sources: the trace follows every grain call.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Microsoft.Orleans.Storage"];

    private const string ServiceName = "minimax-silo";

    public static bool Otlp => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));

    public static bool Enabled(TelemetryOptions telemetry) => telemetry.ConfigureTracing is not null || Otlp;

    public static void Add(WebApplicationBuilder builder, TelemetryOptions telemetry)
    {
        builder.Services.Configure<StepTracingOptions>(steps => steps.StepTraceEvery = telemetry.StepTraceEvery);
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        builder.Logging.AddSimpleConsole(console => console.IncludeScopes = true);
        if (Otlp)
        {
            builder.Logging.AddOpenTelemetry(logs =>
            {
                logs.IncludeScopes = true;
                logs.SetResourceBuilder(Resource());
                logs.AddOtlpExporter();
            });
        }
        if (!Enabled(telemetry))
        {
            return;
        }
        builder.Services.AddOpenTelemetry().WithTracing(tracing =>
        {
            tracing.SetResourceBuilder(Resource())
                .AddSource(MinimaxTracing.SourceName)
                .AddSource(OrleansSources)
                .SetSampler(new ParentBasedSampler(new ApiRequestRootSampler()))
                .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = http => http.Request.Path != SiloTelemetry.ScrapePath);
            if (Otlp)
            {
                // Reads OTEL_EXPORTER_OTLP_ENDPOINT (and the other OTEL_EXPORTER_OTLP_* variables) itself.
                tracing.AddOtlpExporter();
            }
            telemetry.ConfigureTracing?.Invoke(tracing);
        });
    }

    // OTEL_SERVICE_NAME (read by the default resource) wins over the silo's own name.
    private static ResourceBuilder Resource() => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME"))
        ? ResourceBuilder.CreateDefault().AddService(ServiceName)
        : ResourceBuilder.CreateDefault();
}
