using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Jobs;
using Minimax.Grains.Cluster;
using Minimax.Grains.Placement;

namespace Minimax.Grains.Jobs;

/// <summary>
/// The lifecycle every kind of job shares, written once: idempotent submit (the spec as a document, then
/// the row), listing for the tenant, pending -> running -> completed | failed | cancelled with a terminal
/// status never overwritten, a durable resume reminder, cancel, and pushed watch events. A kind supplies
/// its spec type, its work (<see cref="StartWorkAsync"/>, <see cref="CancelWorkAsync"/>) and its detail.
/// </summary>
[SiloRolePlacement(SiloRole.ControlName)]
public abstract partial class JobGrain<TSpec, TState>(IPersistentState<TState> state, JobServices services, ILogger logger)
    : Grain, IJobGrain, IRemindable
    where TSpec : class
    where TState : JobState, new()
{
    private const string SpecDocument = "spec";

    // Work that runs concurrently (a mixture's main and baseline stages) must not interleave two writes of the row.
    private readonly SemaphoreSlim _writes = new(1, 1);
    private bool _listed;
    private bool _failingForStorage;

    protected TState State => state.State;

    protected TSpec? Spec { get; private set; }

    protected string JobId => this.GetPrimaryKeyString();

    protected ILogger Logger => logger;

    protected JobDocuments Documents => services.Documents;

    /// <summary>Grows with every change a watcher should see.</summary>
    protected int Version { get; private set; }

    protected abstract string Kind { get; }

    /// <summary>Begins the work, or resumes it after a silo loss (the reminder calls it again); a no-op while it runs.</summary>
    protected abstract Task StartWorkAsync();

    /// <summary>Asks running work to stop; true when it runs and will record the cancellation itself.</summary>
    protected abstract Task<bool> CancelWorkAsync();

    /// <summary>The kind's detail of a view (its snapshot or report).</summary>
    protected abstract JobDetail? Detail();

    /// <summary>Steps done and to do, for lists and progress bars.</summary>
    protected virtual (int Step, int Total) Progress() => (0, 0);

    /// <summary>Progress a watcher has not seen yet. By default the detail once per change; a run replays its steps.</summary>
    protected virtual Task<IReadOnlyList<JobEvent>> EventsAfterAsync(int afterSequence) =>
        Task.FromResult<IReadOnlyList<JobEvent>>(Version > afterSequence ? [new JobEvent(Version, Info(), Detail(), null)] : []);

    /// <summary>Whether the kind's spec reads what job <paramref name="jobId"/> stored (a reference model, a model to score).</summary>
    protected virtual bool Uses(string jobId) => false;

    /// <summary>Deletes the jobs this one started, before its own data goes; a refusal stops the delete.</summary>
    protected virtual Task<JobDeletion> DeleteChildrenAsync() => Task.FromResult(JobDeletion.Done);

    /// <summary>Loads what the kind keeps in documents when a submitted job activates.</summary>
    protected virtual Task OnLoadedAsync() => Task.CompletedTask;

    /// <summary>Persists what the kind keeps in documents, before a terminal status is written.</summary>
    protected virtual Task OnEndingAsync() => Task.CompletedTask;

    public Task<JobInfo> GetInfoAsync() => Task.FromResult(Info());

    public Task<JobView> GetViewAsync() => Task.FromResult(View());

    public async Task<JobInfo> CancelJobAsync()
    {
        if (!State.Submitted || State.Status.IsTerminal())
        {
            return Info();
        }
        await PersistAsync("cancel request", job => !job.CancelRequested && (job.CancelRequested = true));
        if (!await CancelWorkAsync())
        {
            // No work runs (its silo died and the reminder has not resumed it yet): nothing to stop.
            await TransitionAsync(JobStatus.Cancelled, "cancelled by request");
        }
        return Info();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => ContinueJobAsync();

    /// <summary>What the resume reminder does: an unfinished job's work is started again unless it runs already.</summary>
    protected async Task ContinueJobAsync()
    {
        if (!State.Submitted)
        {
            await ResumeReminder.StopAsync(this);
            return;
        }
        await EnsureListedAsync();
        if (State.Status.IsTerminal())
        {
            await ResumeReminder.StopAsync(this);
        }
        else if (State.CancelRequested)
        {
            await CancelJobAsync();
        }
        else
        {
            EnterJobTrace();
            await StartWorkAsync();
        }
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Submitted)
        {
            Spec = await Documents.ReadAsync<TSpec>(JobId, SpecDocument);
            await OnLoadedAsync();
            ReportStatus();
        }
    }

    /// <summary>Accepts the job; false when it exists already (a retried submit), which is then left unchanged.</summary>
    protected async Task<bool> SubmitJobAsync(TSpec spec, string name, string tenant, string? parent)
    {
        if (State.Submitted)
        {
            return false;
        }
        // Durable wake-up call, registered first: if what follows fails, the reminder finds no job and unregisters.
        await ResumeReminder.StartAsync(this, services.Recovery.ResumeCheckPeriod);
        var (span, traceParent) = StartJobSpan(tenant);
        bool created;
        try
        {
            // The spec is complete before the row says the job exists.
            await Documents.WriteAsync(JobId, SpecDocument, spec);
            created = await PersistAsync("submit", job =>
            {
                if (job.Submitted)
                {
                    return false;
                }
                job.Submitted = true;
                job.Name = name;
                job.Tenant = tenant;
                job.Parent = parent;
                job.Status = JobStatus.Pending;
                job.SubmittedAt = DateTimeOffset.UtcNow;
                job.TraceParent = traceParent;
                return true;
            });
        }
        catch
        {
            span?.Dispose();
            throw;
        }
        Spec = created ? spec : await Documents.ReadAsync<TSpec>(JobId, SpecDocument);
        if (!created)
        {
            // Another writer's submit won; its job span is the job's.
            span?.Dispose();
        }
        else
        {
            _jobSpan = span;
            ReportStatus();
            await EnsureListedAsync();
            await StartWorkAsync();
        }
        return created;
    }

    /// <summary>Moves the lifecycle on; a terminal status is never overwritten, also not one another writer stored.</summary>
    protected async Task TransitionAsync(JobStatus status, string? reason, Action<TState>? with = null)
    {
        if (State.Status.IsTerminal())
        {
            return;
        }
        if (status.IsTerminal())
        {
            await OnEndingAsync();
        }
        await PersistAsync(status.ToString(), job =>
        {
            if (job.Status.IsTerminal() || (job.Status == status && with is null))
            {
                return false;
            }
            with?.Invoke(job);
            job.Status = status;
            job.Reason = reason;
            if (status.IsTerminal())
            {
                job.FinishedAt = DateTimeOffset.UtcNow;
            }
            return true;
        });
        Changed();
        if (State.Status.IsTerminal())
        {
            EndJobSpan(State.Status);
            await OnEndedAsync();
        }
    }

    /// <summary>
    /// Writes a change of the row through <see cref="StateWrites"/>, one write at a time. A write storage
    /// can never accept fails the job with the reason and stops its work, rather than leaving it to loop.
    /// </summary>
    protected async Task<bool> PersistAsync(string what, Func<TState, bool> change)
    {
        var status = State.Status;
        JobStateWriteException? refused = null;
        await _writes.WaitAsync();
        try
        {
            return await StateWrites.WriteAsync(state, change, $"{Kind} job {JobId}: {what}", logger, DeactivateOnIdle, Documents.Serializer);
        }
        catch (JobStateWriteException exception) when (!exception.Transient)
        {
            refused = exception;
            throw;
        }
        finally
        {
            _writes.Release();
            if (State.Status != status)
            {
                // A re-read row showed another writer's transition.
                Changed();
            }
            if (refused is not null && State.Submitted && !State.Status.IsTerminal() && !_failingForStorage)
            {
                await FailForStorageAsync(refused);
            }
        }
    }

    protected JobInfo Info()
    {
        var end = State.FinishedAt ?? DateTimeOffset.UtcNow;
        var wall = State.SubmittedAt is { } start ? (end - start).TotalSeconds : 0;
        var (step, total) = Progress();
        return new JobInfo(JobId, Kind, State.Name, State.Tenant, State.Status, State.Reason, wall, step, total, State.Parent, TraceId);
    }

    protected JobView View() => new(Info(), State.Submitted ? Detail() : null);

    private async Task FailForStorageAsync(JobStateWriteException failure)
    {
        logger.LogError(failure, "{Kind} job {JobId}: state storage refused a write; the job fails", Kind, JobId);
        _failingForStorage = true;
        try
        {
            await TransitionAsync(JobStatus.Failed, $"storage: {failure.Message}");
            await CancelWorkAsync();
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "{Kind} job {JobId}: the failure could not be recorded either", Kind, JobId);
        }
    }

    private async Task OnEndedAsync()
    {
        if (State.Parent is null)
        {
            // One-way: frees the job's place under the tenant's concurrent-jobs limit.
            _ = GrainFactory.GetGrain<IJobRegistryGrain>(State.Tenant).FinishedAsync(JobId);
        }
        try
        {
            await ResumeReminder.StopAsync(this);
        }
        catch (Exception exception)
        {
            // The next tick finds the job ended and unregisters then.
            logger.LogWarning(exception, "{Kind} job {JobId}: resume reminder not unregistered", Kind, JobId);
        }
    }

    /// <summary>Lists the job for its tenant; if that fails now, the next resume check lists it.</summary>
    private async Task EnsureListedAsync() =>
        _listed = _listed || await JobListing.TryAddAsync(GrainFactory, State.Tenant, new JobEntry(JobId, Kind, State.Parent), logger);

}
