namespace RecSharp.Torch.Tests;

/// <summary>What dispose scopes free and keep, and how grad-mode scopes nest.</summary>
[Collection(SerialCollection.Name)]
public class DisposeScopeTests
{
    [Fact]
    public void NestedScopesFreeTheirOwnTensorsOnly()
    {
        long baseline = LiveTensors.SettledCount();
        using (torch.NewDisposeScope())
        {
            var outerTensor = torch.Ones(2);
            Tensor innerTensor, innerResult;
            using (torch.NewDisposeScope())
            {
                innerTensor = torch.Zeros(3);
                innerResult = innerTensor.Add(outerTensor.Sum());
                Assert.Equal(baseline + 4, torch.LiveTensorCount);
            }
            Assert.True(innerTensor.IsDisposed);
            Assert.True(innerResult.IsDisposed);
            Assert.False(outerTensor.IsDisposed);
            Assert.Equal(baseline + 1, torch.LiveTensorCount);
        }
        Assert.Equal(baseline, torch.LiveTensorCount);
    }

    [Fact]
    public void MoveToOuterScopeHandsTheTensorOneLevelUp()
    {
        long baseline = LiveTensors.SettledCount();
        Tensor kept;
        using (var outer = torch.NewDisposeScope())
        {
            using (torch.NewDisposeScope())
            {
                var temporary = torch.Ones(3).Mul(2);
                kept = temporary.Sum().MoveToOuterScope();
            }
            Assert.False(kept.IsDisposed);
            Assert.Equal(6.0, kept.ToDouble());
            Assert.Equal(baseline + 1, torch.LiveTensorCount);
        }
        Assert.True(kept.IsDisposed); // the outer scope owned it
        Assert.Equal(baseline, torch.LiveTensorCount);
    }

    [Fact]
    public void MovingOutOfTheOutermostScopeLeavesTheCallerOwner()
    {
        long baseline = LiveTensors.SettledCount();
        Tensor kept, detached;
        using (torch.NewDisposeScope())
        {
            using (torch.NewDisposeScope())
            {
                kept = torch.Ones(2).MoveToOuterScope().MoveToOuterScope();
                detached = torch.Zeros(2).DetachFromDisposeScope();
            }
        }
        Assert.False(kept.IsDisposed);
        Assert.False(detached.IsDisposed);
        Assert.Equal(baseline + 2, torch.LiveTensorCount);
        kept.Dispose();
        detached.Dispose();
        Assert.Equal(baseline, torch.LiveTensorCount);
    }

    [Fact]
    public void TensorsDisposedByHandInsideAScopeAreFreedOnce()
    {
        long baseline = LiveTensors.SettledCount();
        using (torch.NewDisposeScope())
        {
            var a = torch.Ones(2);
            a.Dispose();
            a.Dispose();
            Assert.Equal(baseline, torch.LiveTensorCount);
        }
        Assert.Equal(baseline, torch.LiveTensorCount);
    }

    [Fact]
    public void DisposingAnOuterScopeFirstAlsoClosesTheInnerOne()
    {
        long baseline = LiveTensors.SettledCount();
        var outer = torch.NewDisposeScope();
        var inner = torch.NewDisposeScope();
        var innerTensor = torch.Ones(2);
        outer.Dispose();
        Assert.True(innerTensor.IsDisposed);
        Assert.Null(DisposeScope.Current);
        inner.Dispose(); // late and harmless
        Assert.Null(DisposeScope.Current);
        var unscoped = torch.Ones(1);
        Assert.Equal(baseline + 1, torch.LiveTensorCount);
        unscoped.Dispose();
        Assert.Equal(baseline, torch.LiveTensorCount);
    }

    [Fact]
    public void GradAndScopeTensorsOfAStepAreFreed()
    {
        long baseline = LiveTensors.SettledCount();
        var w = torch.Tensor(new float[] { 1, 2 }).RequiresGrad_();
        for (int step = 0; step < 3; step++)
        {
            using var scope = torch.NewDisposeScope();
            w.Mul(w).Sum().Backward();
            var grad = w.Grad!;
            using (torch.NoGrad()) w.Add_(grad, -0.1);
            w.ZeroGrad();
        }
        Assert.Equal(baseline + 1, torch.LiveTensorCount);
        var values = w.ToArray<float>();
        Assert.Equal(0.512, values[0], 1e-6); // each step multiplies by 1 - 0.1 * 2
        Assert.Equal(1.024, values[1], 1e-6);
        w.Dispose();
        Assert.Equal(baseline, torch.LiveTensorCount);
    }

    [Fact]
    public void AScopeMustBeDisposedOnItsOwnThread()
    {
        var scope = torch.NewDisposeScope();
        try
        {
            Exception? error = null;
            OnOtherThread(() => error = Record.Exception(scope.Dispose));
            Assert.IsType<InvalidOperationException>(error);
            Assert.Equal("a DisposeScope must be disposed on the thread that created it", error.Message);
        }
        finally
        {
            scope.Dispose();
        }
        Assert.Null(DisposeScope.Current);
    }

    [Fact]
    public void NoGradScopeDisablesRecordingAndRestoresThePreviousMode()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Ones([2], requiresGrad: true);
        Assert.True(torch.IsGradEnabled);
        using (torch.NoGrad())
        {
            Assert.False(torch.IsGradEnabled);
            Assert.False(x.Mul(2).RequiresGrad);
            using (torch.EnableGrad())
            {
                Assert.True(torch.IsGradEnabled);
                Assert.True(x.Mul(2).RequiresGrad);
            }
            Assert.False(torch.IsGradEnabled);
            using (torch.NoGrad()) Assert.False(torch.IsGradEnabled);
            Assert.False(torch.IsGradEnabled);
        }
        Assert.True(torch.IsGradEnabled);
        Assert.True(x.Mul(2).RequiresGrad);
    }

    [Fact]
    public void GradModeIsPerThread()
    {
        using (torch.NoGrad())
        {
            bool otherThread = false;
            OnOtherThread(() => otherThread = torch.IsGradEnabled);
            Assert.True(otherThread);
            Assert.False(torch.IsGradEnabled);
        }
    }

    private static void OnOtherThread(Action action)
    {
        var thread = new Thread(() => action());
        thread.Start();
        thread.Join();
    }
}
