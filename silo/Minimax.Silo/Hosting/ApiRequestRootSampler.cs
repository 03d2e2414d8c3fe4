using OpenTelemetry.Trace;

namespace Minimax.Silo.Hosting;

/// <summary>
/// Which spans without a parent start a trace: only incoming API requests. Orleans starts a span for every grain
/// call, also for the training loop's untraced steps, reminders and timers; as roots those would be thousands of
/// one-span traces. Under <see cref="ParentBasedSampler"/>, spans with a parent follow their parent's decision.
/// </summary>
public sealed class ApiRequestRootSampler : Sampler
{
    // The operation name ASP.NET Core gives the activity of every request, before the route names it.
    private const string AspNetCoreRequest = "Microsoft.AspNetCore.Hosting.HttpRequestIn";

    private static readonly SamplingResult Sample = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Name == AspNetCoreRequest ? Sample : Drop;
}
