namespace Minimax.Contracts.Grains.Jobs;

/// <summary>The kinds of job, spelled as a spec's <c>kind</c> key and on the wire.</summary>
public static class JobKinds
{
    public const string Train = "train";
    public const string DoReMi = "doremi";
    public const string Evaluation = "evaluation";
    public const string Sweep = "sweep";
}
