package io.lockcron.internal.fire;

/** A fire the protocol claimed without being told which: the job's name, its handler's name, and what came of it. */
public record Fired(String job, String handlerName, FireResult result) {}
