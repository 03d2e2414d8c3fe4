using Minimax.Contracts.Grains.Jobs;

namespace Minimax.Grains.Jobs;

/// <summary>At most the page size of entries (Jobs:ListPageSize), so the row stays small.</summary>
[GenerateSerializer, Alias("minimax.JobListPageState")]
public sealed class JobListPageState
{
    [Id(0)] public List<ListedJob> Jobs { get; set; } = [];
    /// <summary>Slots handed out: a page is full once every slot was used, also by jobs deleted since.</summary>
    [Id(1)] public int Filled { get; set; }
}
