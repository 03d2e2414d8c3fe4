namespace Minimax.Contracts.Grains;

public enum RunStatus { Pending, Running, Completed, Failed, Cancelled }

public static class RunStatusNames
{
    public static string ToWire(this RunStatus status) => status.ToString().ToLowerInvariant();

    public static bool IsTerminal(this RunStatus status) =>
        status is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled;
}
