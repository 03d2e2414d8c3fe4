namespace Minimax.Client.Jobs;

/// <summary>What a job's status says about its end.</summary>
public static class JobOutcome
{
    /// <summary>Failed or cancelled: the tool exits with <see cref="ExitCodes.Failed"/>.</summary>
    public static bool IsUnsuccessful(string status) => status is "failed" or "cancelled";
}
