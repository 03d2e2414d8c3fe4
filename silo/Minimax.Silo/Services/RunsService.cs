using Grpc.Core;
using Minimax.Contracts.Api;
using Minimax.Contracts.Grains;
using Minimax.Silo.Hosting;
using Minimax.Silo.Security;

namespace Minimax.Silo.Services;

/// <summary>
/// minimax.v1.Runs: validate, make one grain call, map the reply. Every call acts for the caller's
/// tenant (<see cref="CallerTenant"/>); another tenant's run is answered exactly like an unknown id.
/// </summary>
public sealed class RunsService(IGrainFactory grains, SiloOptions options, DataRoots dataRoots, RunAdmission admission) : Runs.RunsBase
{
    private static readonly TimeSpan WatchPoll = TimeSpan.FromSeconds(10);

    public override async Task<SubmitRunReply> SubmitRun(SubmitRunRequest request, ServerCallContext context)
    {
        var tenant = CallerTenant.Of(context);
        var requestId = SubmitValidation.RequireRequestId(request.RequestId);
        var spec = SubmitValidation.Validate(request, options.Limits, dataRoots);
        var runId = requestId is null ? $"run-{Guid.NewGuid():N}"[..16] : SubmitValidation.RunIdFor(tenant, requestId);
        await admission.SubmitAsync(tenant, runId, spec, context.CancellationToken);
        return new SubmitRunReply { RunId = runId };
    }

    public override async Task<RunReport> GetRun(GetRunRequest request, ServerCallContext context) =>
        ReportMapper.ToReport(await ExistingSnapshotAsync(request.RunId, context));

    public override async Task WatchRun(WatchRunRequest request, IServerStreamWriter<WatchRunEvent> responseStream, ServerCallContext context)
    {
        var snapshot = await ExistingSnapshotAsync(request.RunId, context);
        var run = grains.GetGrain<IRunGrain>(snapshot.RunId);
        var after = 0;
        while (!context.CancellationToken.IsCancellationRequested)
        {
            var updates = await run.WatchAsync(after, WatchPoll);
            foreach (var progress in updates.Progress)
            {
                await responseStream.WriteAsync(
                    new WatchRunEvent { Progress = ReportMapper.ToProgress(progress, updates.Snapshot.Status, ReportMapper.IsLanguageModel(updates.Snapshot)) },
                    context.CancellationToken);
            }
            after = updates.NextSequence;
            if (updates.Snapshot.Status.IsTerminal())
            {
                await responseStream.WriteAsync(
                    new WatchRunEvent { Report = ReportMapper.ToReport(updates.Snapshot) },
                    context.CancellationToken);
                return;
            }
        }
    }

    public override async Task<CancelRunReply> CancelRun(CancelRunRequest request, ServerCallContext context)
    {
        var snapshot = await ExistingSnapshotAsync(request.RunId, context);
        var after = await grains.GetGrain<IRunGrain>(snapshot.RunId).CancelAsync();
        return new CancelRunReply { Status = after.Status.ToWire() };
    }

    public override async Task<ListRunsReply> ListRuns(ListRunsRequest request, ServerCallContext context)
    {
        var ids = await grains.GetGrain<IRunRegistryGrain>(CallerTenant.Of(context)).ListAsync();
        var snapshots = await Task.WhenAll(ids.Select(id => grains.GetGrain<IRunGrain>(id).GetSnapshotAsync()));
        var reply = new ListRunsReply();
        reply.Runs.AddRange(snapshots.Select(snapshot => new RunSummary
        {
            RunId = snapshot.RunId,
            Name = snapshot.Spec?.Name ?? "",
            Status = snapshot.Status.ToWire(),
            Step = snapshot.LastProgress?.Step ?? 0,
            TotalSteps = snapshot.LastProgress?.TotalSteps ?? 0,
        }));
        return reply;
    }

    private async Task<RunSnapshot> ExistingSnapshotAsync(string runId, ServerCallContext context)
    {
        var tenant = CallerTenant.Of(context);
        SubmitValidation.RequireRunId(runId);
        var snapshot = await grains.GetGrain<IRunGrain>(runId).GetSnapshotAsync();
        return snapshot.Spec is null || snapshot.Tenant != tenant
            ? throw new RpcException(new Status(StatusCode.NotFound, $"run_id: no run '{runId}'"))
            : snapshot;
    }
}
