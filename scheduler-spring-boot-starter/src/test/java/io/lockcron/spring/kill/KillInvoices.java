package io.lockcron.spring.kill;

import org.springframework.data.jpa.repository.JpaRepository;

interface KillInvoices extends JpaRepository<KillInvoice, String> {}
