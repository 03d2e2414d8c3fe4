namespace Minimax.Contracts.Grains;

public enum JobStatus { Pending, Running, Completed, Failed, Cancelled }

public static class JobStatusNames
{
    public static string ToWire(this JobStatus status) => status.ToString().ToLowerInvariant();

    public static bool IsTerminal(this JobStatus status) =>
        status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;
}
