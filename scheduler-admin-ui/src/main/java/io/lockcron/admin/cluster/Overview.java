package io.lockcron.admin.cluster;

import io.lockcron.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The cluster at a glance: nodes alive and dead, jobs by state, the last hour's executions,
 * failed attempts (also those a retry made good), failovers and fencings, and executions per minute
 * by outcome. {@code at} is database time.
 */
public record Overview(
        Instant at,
        int nodesAlive,
        int nodesDead,
        int nodesLeft,
        Map<JobStatus, Long> jobsByState,
        int jobsRunningNow,
        long executionsLastHour,
        long failuresLastHour,
        int failoversLastHour,
        int fencingsLastHour,
        ExecutionChart chart,
        List<FailoverView> recentFailovers,
        List<ExecutionView> recentFailures) {}
