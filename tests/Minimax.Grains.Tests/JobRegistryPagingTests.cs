using Minimax.Contracts.Grains.Jobs;
using Minimax.Grains.Jobs;

namespace Minimax.Grains.Tests;

/// <summary>A tenant's job list grows in fixed-size pages: many more jobs than fit one state row are all listed and found.</summary>
[Collection(ClusterCollection.Name)]
public sealed class JobRegistryPagingTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Thousands_of_jobs_are_listed_in_order_and_found_at_the_real_page_size()
    {
        var tenant = $"many-{Guid.NewGuid():N}";
        var registry = fixture.Grains.GetGrain<IJobRegistryGrain>(tenant);
        // Long ids: one row holding all of them would be about 300 KB, far over StateWrites.MaxRowBytes.
        var jobs = Enumerable.Range(0, 2_000).Select(i => new JobEntry($"run-{i:D6}-{new string('x', 120)}", JobKinds.Train, null)).ToArray();

        foreach (var job in jobs)
        {
            await registry.AddAsync(job);
        }
        await registry.AddAsync(jobs[5]);

        var listed = new List<JobEntry>();
        var pages = 0;
        for (var page = 0; ; page++)
        {
            var list = await registry.ListAsync(page);
            listed.AddRange(list.Jobs.Select(entry => entry.Job));
            pages++;
            if (list.Last)
            {
                break;
            }
        }
        Assert.Equal(jobs, listed);
        Assert.Equal((jobs.Length + new JobRegistryOptions().ListPageSize - 1) / new JobRegistryOptions().ListPageSize, pages);
        Assert.Equal(jobs[1_234], await registry.FindAsync(jobs[1_234].JobId));
        Assert.Null(await registry.FindAsync("run-missing"));
    }

    [Fact]
    public async Task A_removed_job_is_neither_listed_nor_found_and_its_slot_is_not_reused()
    {
        var registry = fixture.Grains.GetGrain<IJobRegistryGrain>($"remove-{Guid.NewGuid():N}");
        var jobs = Enumerable.Range(0, 3).Select(i => new JobEntry($"run-{i}", JobKinds.Train, null)).ToArray();
        foreach (var job in jobs)
        {
            await registry.AddAsync(job);
        }

        await registry.RemoveAsync(jobs[1].JobId);
        await registry.AddAsync(jobs[1]);

        var page = await registry.ListAsync(0);
        Assert.Equal([jobs[0], jobs[2], jobs[1]], page.Jobs.Select(entry => entry.Job));
        Assert.Equal([0, 2, 3], page.Jobs.Select(entry => entry.Slot));
        Assert.Equal(jobs[1], await registry.FindAsync(jobs[1].JobId));
    }
}
