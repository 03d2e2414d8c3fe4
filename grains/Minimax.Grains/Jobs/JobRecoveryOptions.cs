namespace Minimax.Grains.Jobs;

/// <summary>How often an unfinished run checks that its training loop is alive (configuration Runs:ResumeCheckPeriod).</summary>
public sealed class JobRecoveryOptions
{
    /// <summary>Orleans reminders tick at most once a minute unless ReminderOptions.MinimumReminderPeriod is lowered.</summary>
    public TimeSpan ResumeCheckPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
