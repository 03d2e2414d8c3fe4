namespace Minimax.Grains.Jobs;

[GenerateSerializer, Alias("minimax.JobIndexState")]
public sealed class JobIndexState
{
    [Id(0)] public JobLocation? Location { get; set; }
}
