namespace Minimax.Client;

/// <summary>Process exit codes of the <c>minimax</c> tool (docs/run-spec.md, "Exit codes").</summary>
public static class ExitCodes
{
    public const int Completed = 0;

    /// <summary>The job failed or was cancelled, or the cluster could not be reached.</summary>
    public const int Failed = 1;

    /// <summary>Bad input: a spec field, an unknown job id, a missing file, a bad option.</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted (Ctrl+C) before there was a job to cancel, or while only watching one.</summary>
    public const int Interrupted = 130;
}
