namespace Minimax.Grains.Jobs;

/// <summary>
/// A job's durable wake-up call: while it is unfinished, the reminder resumes its work after a silo loss
/// (or a restart) on whichever silo activates it.
/// </summary>
internal static class ResumeReminder
{
    public const string Name = "resume";

    public static Task StartAsync(Grain job, TimeSpan period) => job.RegisterOrUpdateReminder(Name, period, period);

    public static async Task StopAsync(Grain job)
    {
        if (await job.GetReminder(Name) is { } reminder)
        {
            await job.UnregisterReminder(reminder);
        }
    }
}
