namespace Minimax.Client.Cli;

/// <summary>Process exit codes of the <c>minimax</c> tool (docs/run-spec.md, "Exit codes").</summary>
internal static class ExitCodes
{
    public const int Completed = 0;

    /// <summary>The run failed or was cancelled, or the cluster could not be reached.</summary>
    public const int Failed = 1;

    /// <summary>Bad input: a spec field, an unknown run id, a missing file, a bad option.</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted (Ctrl+C) before there was a run to cancel, or while only watching one.</summary>
    public const int Interrupted = 130;
}
