using Grpc.Core;
using Minimax.Contracts.Api;
using Minimax.Contracts.Grains;
using Minimax.Silo.Hosting;
using Minimax.Silo.Security;

namespace Minimax.Silo.Services;

/// <summary>
/// minimax.v1.Mixtures: DoReMi mixture jobs. Like <see cref="RunsService"/>: validate, one grain call,
/// map the reply; another tenant's job is answered exactly like an unknown id.
/// </summary>
public sealed class MixturesService(IGrainFactory grains, SiloOptions options, DataRoots dataRoots) : Mixtures.MixturesBase
{
    private static readonly TimeSpan WatchPoll = TimeSpan.FromSeconds(10);

    public override async Task<SubmitMixtureReply> SubmitMixture(SubmitMixtureRequest request, ServerCallContext context)
    {
        var tenant = CallerTenant.Of(context);
        var requestId = SubmitValidation.RequireRequestId(request.RequestId);
        var spec = SubmitValidation.ValidateMixture(request, options.Limits, dataRoots);
        var jobId = requestId is null ? $"mix-{Guid.NewGuid():N}"[..16] : SubmitValidation.MixtureIdFor(tenant, requestId);
        var job = grains.GetGrain<IMixtureGrain>(jobId);
        var existing = await job.GetSnapshotAsync();
        if (existing.Spec is not null && existing.Tenant != tenant)
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, "request_id: choose another request id"));
        }
        context.CancellationToken.ThrowIfCancellationRequested();
        await job.SubmitAsync(spec, tenant, options.Limits.MaxConcurrentRunsPerTenant);
        return new SubmitMixtureReply { JobId = jobId };
    }

    public override async Task<MixtureReport> GetMixture(GetMixtureRequest request, ServerCallContext context) =>
        MixtureMapper.ToReport(await ExistingSnapshotAsync(request.JobId, context));

    public override async Task WatchMixture(WatchMixtureRequest request, IServerStreamWriter<MixtureReport> responseStream, ServerCallContext context)
    {
        var snapshot = await ExistingSnapshotAsync(request.JobId, context);
        var job = grains.GetGrain<IMixtureGrain>(snapshot.JobId);
        var seen = -1;
        while (!context.CancellationToken.IsCancellationRequested)
        {
            if (snapshot.Version != seen || snapshot.Status.IsTerminal())
            {
                await responseStream.WriteAsync(MixtureMapper.ToReport(snapshot), context.CancellationToken);
                seen = snapshot.Version;
            }
            if (snapshot.Status.IsTerminal())
            {
                return;
            }
            snapshot = await job.WatchAsync(seen, WatchPoll);
        }
    }

    public override async Task<CancelMixtureReply> CancelMixture(CancelMixtureRequest request, ServerCallContext context)
    {
        var snapshot = await ExistingSnapshotAsync(request.JobId, context);
        var after = await grains.GetGrain<IMixtureGrain>(snapshot.JobId).CancelAsync();
        return new CancelMixtureReply { Status = after.Status.ToWire() };
    }

    private async Task<MixtureSnapshot> ExistingSnapshotAsync(string jobId, ServerCallContext context)
    {
        var tenant = CallerTenant.Of(context);
        SubmitValidation.RequireId("job_id", jobId);
        var snapshot = await grains.GetGrain<IMixtureGrain>(jobId).GetSnapshotAsync();
        return snapshot.Spec is null || snapshot.Tenant != tenant
            ? throw new RpcException(new Status(StatusCode.NotFound, $"job_id: no mixture job '{jobId}'"))
            : snapshot;
    }
}
