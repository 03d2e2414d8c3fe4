using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Jobs;
using Orleans.Configuration;
using Minimax.Grains.Cluster;
using Minimax.Grains.Placement;

namespace Minimax.Grains.Jobs;

/// <summary>
/// Jobs:Retention for one tenant. An Orleans reminder (durable: it survives silo restarts and needs no client)
/// walks the tenant's job list every Jobs:RetentionCheckPeriod and deletes each finished top-level job that
/// ended longer than the retention ago, through <see cref="IJobGrain.DeleteJobAsync"/>: so a job another
/// unfinished job uses is refused (and tried again at the next check) and a mixture's stage runs go with it.
/// </summary>
[SiloRolePlacement(SiloRole.ControlName)]
public sealed class JobRetentionGrain(
    IOptions<JobRegistryOptions> options,
    IOptions<ReminderOptions> reminders,
    ILogger<JobRetentionGrain> logger) : Grain, IJobRetentionGrain, IRemindable
{
    public const string ReminderName = "retention";

    private string Tenant => this.GetPrimaryKeyString();

    // Orleans refuses a reminder period under its minimum (Reminders:MinimumPeriod).
    private TimeSpan Period => options.Value.RetentionCheckPeriod < reminders.Value.MinimumReminderPeriod
        ? reminders.Value.MinimumReminderPeriod
        : options.Value.RetentionCheckPeriod;

    public async Task StartAsync()
    {
        // Registered once: updating it on every activation of the registry would keep pushing the first check back.
        if (options.Value.Retention is not null && await this.GetReminder(ReminderName) is null)
        {
            await this.RegisterOrUpdateReminder(ReminderName, Period, Period);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (options.Value.Retention is not { } retention)
        {
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
            return;
        }
        if (status.Period != Period)
        {
            await this.RegisterOrUpdateReminder(ReminderName, Period, Period);
        }
        await SweepAsync(DateTimeOffset.UtcNow - retention);
    }

    /// <summary>
    /// One walk over the tenant's list, a page at a time. A stage run is skipped (it goes with its mixture). A job
    /// with no end time yet is asked whether it has ended (it ended before the registry recorded end times, or its
    /// one-way Finished message was lost): if so its end is recorded now, and it ages from then.
    /// </summary>
    private async Task SweepAsync(DateTimeOffset endedBefore)
    {
        var registry = GrainFactory.GetGrain<IJobRegistryGrain>(Tenant);
        var deleted = 0;
        for (var page = 0; ; page++)
        {
            var list = await registry.ListAsync(page);
            foreach (var listed in list.Jobs.Where(listed => listed.Job.Parent is null))
            {
                if (listed.EndedAt is null)
                {
                    if ((await JobGrains.Find(GrainFactory, listed.Job))?.Status.IsTerminal() == true)
                    {
                        _ = registry.FinishedAsync(listed.Job.JobId);
                    }
                }
                else if (listed.EndedAt <= endedBefore && await DeleteAsync(listed.Job))
                {
                    deleted++;
                }
            }
            if (list.Last)
            {
                break;
            }
        }
        if (deleted > 0)
        {
            logger.LogInformation("Tenant {Tenant}: deleted {Count} jobs that ended before {Cutoff:O} (Jobs:Retention)", Tenant, deleted, endedBefore);
        }
    }

    private async Task<bool> DeleteAsync(JobEntry job)
    {
        try
        {
            var deletion = await JobGrains.Get(GrainFactory, job).DeleteJobAsync();
            if (deletion.Refusal is { } refusal)
            {
                logger.LogInformation("Tenant {Tenant}: job {JobId} kept past Jobs:Retention for now: {Refusal}", Tenant, job.JobId, refusal);
            }
            return deletion.Deleted;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Storage trouble or a silo going away: the job stays listed and the next check tries again.
            logger.LogWarning(exception, "Tenant {Tenant}: job {JobId} not deleted (Jobs:Retention); tried again at the next check", Tenant, job.JobId);
            return false;
        }
    }
}
