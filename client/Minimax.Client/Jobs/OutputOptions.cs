namespace Minimax.Client.Jobs;

/// <summary>How a command prints a report: <c>--json</c> (one object on stdout, nothing else there) and <c>--plots DIR</c>.</summary>
public sealed record OutputOptions(bool Json, string? Plots = null);
